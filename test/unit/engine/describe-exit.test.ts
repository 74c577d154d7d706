import { describe, expect, it } from 'vitest';
import { describeExit, formatMiB } from '../../../src/engine/describe-exit.js';

describe('how an exit is described', () => {
  it('names the code alone when the kernel did not kill it', () => {
    expect(describeExit({ code: 1, oomKilled: false, memoryLimitBytes: 256 * 1024 * 1024 })).toBe('code 1');
  });

  it('names an OOM kill with the memory limit in MiB', () => {
    expect(describeExit({ code: 137, oomKilled: true, memoryLimitBytes: 256 * 1024 * 1024 })).toBe(
      'code 137, OOM-killed (limit 256 MiB)',
    );
  });

  it('names an OOM kill without a limit when none was set', () => {
    expect(describeExit({ code: 137, oomKilled: true })).toBe('code 137, OOM-killed');
  });

  it('says the code is unknown when the engine no longer reports it', () => {
    expect(describeExit({ oomKilled: false })).toBe('an unknown code');
  });

  it('shows a limit that is not a whole number of MiB with one decimal', () => {
    expect(formatMiB(1.5 * 1024 * 1024)).toBe('1.5 MiB');
  });
});
