import { describe, expect, it } from 'vitest';
import { BACKEND_CAPABILITIES, BACKEND_NAMES } from '../../../src/engine/capabilities.js';
import { UsageError } from '../../../src/errors.js';
import { chooseBackend } from '../../../src/session/backend-choice.js';
import { chooseRegistry } from '../../../src/session/registry-choice.js';

const usage = (fn: () => unknown): UsageError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a usage error');
};

describe('the backend: --engine > POND_ENGINE > engine: in pond.yaml > docker', () => {
  it('nothing said: docker', () => {
    expect(chooseBackend({})).toBe('docker');
  });

  it('engine: in the file is used when neither flag nor env says otherwise', () => {
    expect(chooseBackend({ file: 'swarm' })).toBe('swarm');
  });

  it('POND_ENGINE wins over the file', () => {
    expect(chooseBackend({ env: 'docker', file: 'swarm' })).toBe('docker');
  });

  it('the flag wins over POND_ENGINE and the file', () => {
    expect(chooseBackend({ flag: 'swarm', env: 'docker', file: 'docker' })).toBe('swarm');
  });

  it('an empty POND_ENGINE counts as unset', () => {
    expect(chooseBackend({ env: '', file: 'swarm' })).toBe('swarm');
  });

  it('an unknown name is a usage error (exit 3) naming where it came from and the known backends', () => {
    const e = usage(() => chooseBackend({ env: 'nope' }));
    expect(e.exitCode).toBe(3);
    expect(e.message).toBe('unknown engine "nope" (from POND_ENGINE)');
    expect(e.hint).toBe('use one of: docker, swarm');
    expect(usage(() => chooseBackend({ flag: 'k8s', env: 'swarm' })).message).toBe(
      'unknown engine "k8s" (from --engine)',
    );
  });

  it('every known backend has a capability row, so validate can check any of them', () => {
    expect(Object.keys(BACKEND_CAPABILITIES).sort()).toEqual([...BACKEND_NAMES].sort());
  });
});

describe('the registry: --registry > registry: in pond.yaml', () => {
  it('the flag wins, the file fills in, neither is none', () => {
    expect(chooseRegistry('registry.local:5000', 'other.example.com')).toBe('registry.local:5000');
    expect(chooseRegistry(undefined, 'registry.example.com/team')).toBe('registry.example.com/team');
    expect(chooseRegistry(undefined, undefined)).toBeUndefined();
  });

  it('a malformed flag is a usage error with an example', () => {
    const e = usage(() => chooseRegistry('https://registry.local', undefined));
    expect(e.message).toBe('--registry "https://registry.local" is not a registry address');
    expect(e.hint).toMatch(/e\.g\. registry\.local:5000/);
  });
});
