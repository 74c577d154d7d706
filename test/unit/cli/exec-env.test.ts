import { describe, expect, it } from 'vitest';
import { execEnv } from '../../../src/cli/exec-env.js';

describe('execEnv: pond exec -e flags', () => {
  it('takes KEY=VAL literally (an = in the value stays), the later flag winning', () => {
    expect(execEnv(['A=1', 'B=x=y', 'A=2'], {})).toEqual({ A: '2', B: 'x=y' });
  });

  it('passes the host value for a bare KEY, and drops it when the host has none', () => {
    expect(execEnv(['HOME', 'NOPE'], { HOME: '/root' })).toEqual({ HOME: '/root' });
  });

  it('refuses a flag with no name, with exit code 3', () => {
    expect(() => execEnv(['=1'], {})).toThrow(
      expect.objectContaining({ exitCode: 3, message: '-e "=1" names no variable' }),
    );
  });
});
