import { describe, expect, it } from 'vitest';
import { logTimeFlag, withinTimes } from '../../../src/cli/log-time.js';
import { UsageError } from '../../../src/errors.js';

const NOW = Date.UTC(2026, 0, 2, 12, 0, 0);

describe('--since / --until', () => {
  it('a duration counts back from now', () => {
    expect(logTimeFlag('--since', '10m', NOW)).toBe((NOW - 600_000) / 1000);
    expect(logTimeFlag('--since', '1h30m', NOW)).toBe((NOW - 5_400_000) / 1000);
  });

  it('an RFC 3339 timestamp is that instant, zone offsets included', () => {
    expect(logTimeFlag('--since', '2026-01-02T11:00:00Z', NOW)).toBe(Date.UTC(2026, 0, 2, 11) / 1000);
    expect(logTimeFlag('--until', '2026-01-02T13:00:00+02:00', NOW)).toBe(Date.UTC(2026, 0, 2, 11) / 1000);
    expect(logTimeFlag('--since', '2026-01-02T11:00:00.250Z', NOW)).toBe(Date.UTC(2026, 0, 2, 11) / 1000 + 0.25);
  });

  it('bare digits are epoch seconds, as docker reads them', () => {
    expect(logTimeFlag('--since', '1767355200', NOW)).toBe(1767355200);
  });

  it('anything else is a usage error naming the flag', () => {
    expect(() => logTimeFlag('--until', 'yesterday', NOW)).toThrow(UsageError);
    expect(() => logTimeFlag('--until', 'yesterday', NOW)).toThrow(/--until "yesterday"/);
  });

  it('a saved line is kept when its stamp lies within the bounds', () => {
    const t = '2026-01-02T11:00:00.123456789Z';
    const at = Date.UTC(2026, 0, 2, 11) / 1000;
    expect(withinTimes(t, at, at + 1)).toBe(true);
    expect(withinTimes(t, at + 1, undefined)).toBe(false);
    expect(withinTimes(t, undefined, at)).toBe(false);
  });
});
