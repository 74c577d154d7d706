import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND_CAPABILITIES } from '../../../src/engine/capabilities.js';
import type { Engine, ObservedState } from '../../../src/engine/types.js';
import { loadProject, type Project } from '../../../src/pipeline.js';
import { makePlan } from '../../../src/session/make-plan.js';
import { tempDir } from '../../support/temp-dir.js';

const EMPTY: ObservedState = { workloads: [], networks: [], volumes: [] };

/** The project with its first read of `desired` logged. */
function logged(project: Project, log: string[]): Project {
  return new Proxy(project, {
    get(target, key, receiver) {
      if (key === 'desired' && !log.includes('desired')) log.push('desired');
      return Reflect.get(target, key, receiver);
    },
  });
}

describe('makePlan', () => {
  it('asks for the snapshot first and builds the desired state while the engine answers', async () => {
    const dir = tempDir('pond-make-plan-');
    await writeFile(
      path.join(dir, 'pond.yaml'),
      'version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n    command: [sleep, "60"]\n',
    );
    const log: string[] = [];
    let answer: (s: ObservedState) => void = () => undefined;
    const engine = {
      backend: 'docker',
      capabilities: { ...BACKEND_CAPABILITIES.docker, localPorts: false },
      observe: () => {
        log.push('observe');
        return new Promise<ObservedState>((resolve) => (answer = resolve));
      },
    } as unknown as Engine;
    const project = logged(await loadProject([path.join(dir, 'pond.yaml')], {}), log);
    const planned = makePlan(engine, project, {});
    expect(log).toEqual(['observe', 'desired']); // the snapshot is still out
    answer(EMPTY);
    const { plan } = await planned;
    expect(plan.steps.map((s) => `${s.resource} ${s.name}`)).toContain('container web');
  });

  it('fails with the build error, and leaves no unhandled rejection, when building throws and the engine fails too', async () => {
    const dir = tempDir('pond-make-plan-');
    await writeFile(path.join(dir, 'pond.yaml'), 'version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n');
    const unhandled: unknown[] = [];
    const record = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', record);
    try {
      let refuse: (e: Error) => void = () => undefined;
      const engine = {
        backend: 'docker',
        capabilities: { ...BACKEND_CAPABILITIES.docker, localPorts: false },
        observe: () => new Promise<ObservedState>((_, reject) => (refuse = reject)),
      } as unknown as Engine;
      const loaded = await loadProject([path.join(dir, 'pond.yaml')], {});
      const project = new Proxy(loaded, {
        get: (target, key, receiver) => {
          if (key === 'desired') throw new Error('build failed');
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      await expect(makePlan(engine, project, {})).rejects.toThrow('build failed');
      refuse(new Error('engine down'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
