import { describe, expect, it } from 'vitest';
import { ApplyError, ConfigError, exitCodeOf, LockHeldError, TimeoutError } from '../../../src/api/index.js';

describe('API errors carry the CLI exit codes', () => {
  it('an apply whose failed step timed out is exit 124', () => {
    expect(
      new ApplyError('apply failed', [{ step: 'container:web', error: new TimeoutError('web not healthy after 1s') }])
        .exitCode,
    ).toBe(124);
  });

  it('an apply that failed otherwise is exit 1', () => {
    expect(new ApplyError('apply failed', [{ step: 'container:web', error: new Error('boom') }]).exitCode).toBe(1);
  });

  it('exitCodeOf maps a PondError to its own code and anything else to 1', () => {
    expect([
      exitCodeOf(new ConfigError([])),
      exitCodeOf(new LockHeldError('held')),
      exitCodeOf(new Error('bug')),
      exitCodeOf('text'),
    ]).toEqual([3, 5, 1, 1]);
  });
});
