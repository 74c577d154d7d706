import { describe, expect, it } from 'vitest';
import { formatEntry, interleave, sortableTime, tailSaved, type LogEntry } from '../../../src/cli/log-view.js';

const e = (label: string, time: string, text: string, slot = 0): LogEntry => ({ label, slot, time, text });

describe('pond logs formatting', () => {
  it('orders engine stamps whose fractions the engine trimmed to different lengths', () => {
    expect(sortableTime('2026-01-01T00:00:05.1Z') < sortableTime('2026-01-01T00:00:05.12Z')).toBe(true);
    expect(sortableTime('2026-01-01T00:00:05Z')).toBe('2026-01-01T00:00:05.000000000Z');
  });

  it('interleaves sources by time, keeping the order of equal stamps', () => {
    const a = [e('a', '2026-01-01T00:00:01.5Z', 'a1'), e('a', '2026-01-01T00:00:03Z', 'a2')];
    const b = [e('b', '2026-01-01T00:00:02Z', 'b1'), e('b', '2026-01-01T00:00:03Z', 'b2')];
    expect(interleave([a, b]).map((x) => x.text)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('--tail counts saved and current lines together', () => {
    expect(tailSaved([1, 2, 3, 4], 2, 3)).toEqual([4]);
    expect(tailSaved([1, 2, 3], 5, 3)).toEqual([]);
    expect(tailSaved([1, 2, 3], 5, undefined)).toEqual([1, 2, 3]);
  });

  it('prefixes "name |" padded to the widest label, and colours it only when asked', () => {
    const line = e('web', '2026-01-01T00:00:01Z', 'hello', 1);
    expect(formatEntry(line, { width: 6, timestamps: false, color: false })).toBe('web    | hello');
    expect(formatEntry(line, { width: 3, timestamps: false, color: true })).toBe('\x1b[33mweb |\x1b[0m hello');
  });

  it('--no-log-prefix prints the raw line, with -t its engine timestamp first', () => {
    const line = e('web', '2026-01-01T00:00:01Z', 'hello');
    expect(formatEntry(line, { timestamps: false, color: true })).toBe('hello');
    expect(formatEntry(line, { timestamps: true, color: false })).toBe('2026-01-01T00:00:01Z hello');
  });
});
