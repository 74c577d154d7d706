import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/bots/concurrency.js';
import { newestFirst, prunable, runId, runStarted } from '../../../src/bots/history.js';
import { firesBetween, nextFires, cronError } from '../../../src/workloads/bot/schedule.js';
import { firstFile } from '../../../src/engine/docker/archive.js';

describe('run ids and history', () => {
  it('ids sort by start time as strings and say when they started', () => {
    const a = runId(new Date('2025-01-02T03:04:05.006Z'), 'ffff');
    const b = runId(new Date('2025-01-02T03:04:05.007Z'), '0000');
    const c = runId(new Date('2025-01-10T00:00:00.000Z'), '0000');
    expect(a).toBe('20250102T030405006Z-ffff');
    expect([c, a, b].sort()).toEqual([a, b, c]);
    expect(newestFirst([a, c, b])).toEqual([c, b, a]);
    expect(runStarted(a)?.toISOString()).toBe('2025-01-02T03:04:05.006Z');
    expect(a).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/);
  });

  it('prunes the oldest finished runs beyond the limit, never one still going', () => {
    const ids = ['20250101T000000000Z-a', '20250102T000000000Z-a', '20250103T000000000Z-a', '20250104T000000000Z-a'];
    expect(prunable(ids, 2, new Set())).toEqual(['20250102T000000000Z-a', '20250101T000000000Z-a']);
    expect(prunable(ids, 2, new Set(['20250101T000000000Z-a']))).toEqual(['20250102T000000000Z-a']);
    expect(prunable(ids, 10, new Set())).toEqual([]);
    expect(prunable(ids, 0, new Set())).toEqual(newestFirst(ids));
  });
});

describe('concurrency policies', () => {
  it('nothing running: every policy starts', () => {
    for (const p of ['forbid', 'allow', 'replace'] as const) expect(decide(p, [])).toEqual({ action: 'start' });
  });
  it('one running: forbid skips, allow starts another, replace stops it first', () => {
    expect(decide('forbid', ['r1'])).toEqual({ action: 'skip', reason: 'run r1 is still going (concurrency: forbid)' });
    expect(decide('allow', ['r1'])).toEqual({ action: 'start' });
    expect(decide('replace', ['r1', 'r2'])).toEqual({ action: 'replace', stop: ['r1', 'r2'] });
  });
});

describe('schedules', () => {
  it('next fire times, five fields or six with seconds', () => {
    const from = new Date('2025-01-01T00:01:00Z');
    expect(nextFires('*/5 * * * *', from, 3).map((d) => d.toISOString())).toEqual([
      '2025-01-01T00:05:00.000Z',
      '2025-01-01T00:10:00.000Z',
      '2025-01-01T00:15:00.000Z',
    ]);
    expect(nextFires('*/2 * * * * *', from, 2).map((d) => d.toISOString())).toEqual([
      '2025-01-01T00:01:02.000Z',
      '2025-01-01T00:01:04.000Z',
    ]);
  });
  it('fires between two looks: none, one, or the missed ones (the scheduler folds them into one run)', () => {
    const t = (s: string) => new Date(`2025-01-01T00:${s}Z`);
    expect(firesBetween('*/5 * * * *', t('01:00'), t('04:59'))).toEqual([]);
    expect(firesBetween('*/5 * * * *', t('04:59'), t('05:00')).map((d) => d.toISOString())).toEqual([
      '2025-01-01T00:05:00.000Z',
    ]);
    expect(firesBetween('*/5 * * * *', t('05:00'), t('16:00'))).toHaveLength(2);
  });
  it('invalid expressions say what is wrong', () => {
    expect(cronError('*/5 * * * *')).toBeUndefined();
    expect(cronError('61 * * * *')).toBe('Invalid value for minute: 61');
    expect(cronError('*/5 * * *')).toMatch(/five, six, or seven/);
  });
});

describe('the results file out of an engine archive', () => {
  const tarOf = (entries: [string, string, string][]): Buffer => {
    const parts: Buffer[] = [];
    for (const [name, type, body] of entries) {
      const h = Buffer.alloc(512);
      h.write(name, 0);
      h.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
      h.write(type, 156);
      parts.push(h, Buffer.from(body), Buffer.alloc((512 - (body.length % 512)) % 512));
    }
    return Buffer.concat([...parts, Buffer.alloc(1024)]);
  };
  it('reads the one regular file, skipping pax headers; none or several give undefined', () => {
    expect(
      firstFile(
        tarOf([
          ['PaxHeader', 'x', '20 path=result.json\n'],
          ['result.json', '0', '{"ok":true}'],
        ]),
      )?.toString(),
    ).toBe('{"ok":true}');
    expect(firstFile(tarOf([['d', '5', '']]))).toBeUndefined();
    expect(
      firstFile(
        tarOf([
          ['a', '0', 'a'],
          ['b', '0', 'b'],
        ]),
      ),
    ).toBeUndefined();
  });
});
