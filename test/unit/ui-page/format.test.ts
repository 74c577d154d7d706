import { describe, expect, it } from 'vitest';
import { bytesText, durationText, exitText, hueOf, stateText, toneOf } from '../../../src/ui/page/format.js';

describe('ui page formatting', () => {
  it('a failing health check is shown as bad even while the container runs', () => {
    expect(toneOf({ state: 'running', health: 'unhealthy' })).toBe('bad');
    expect(toneOf({ state: 'running' })).toBe('ok');
  });

  it('the state text adds the health only when it says something else', () => {
    expect(stateText({ state: 'running', health: 'starting' })).toBe('running · starting');
    expect(stateText({ state: 'healthy', health: 'healthy' })).toBe('healthy');
  });

  it('an exit code names an OOM kill', () => {
    expect(exitText(137, true)).toBe('137 (OOM killed)');
    expect(exitText(137)).toBe('137 (killed)');
    expect(exitText(undefined)).toBe('—');
  });

  it('bytes and durations read as people write them', () => {
    expect(bytesText(256 * 2 ** 20)).toBe('256 MiB');
    expect(bytesText(1536)).toBe('1.5 KiB');
    expect(durationText(4200)).toBe('4.2 s');
    expect(durationText(185_000)).toBe('3 min 5 s');
  });

  it('a workload keeps one log colour', () => {
    expect(hueOf('web')).toBe(hueOf('web'));
    expect(hueOf('web')).not.toBe(hueOf('db'));
  });
});
