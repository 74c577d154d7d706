import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bounded, readSaved, saveLines, savedLogPath, savedWorkloads } from '../../../src/logs/saved.js';
import { tempDir } from '../../support/temp-dir.js';

const line = (i: number, text = `line ${i}`) => ({
  time: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
  text,
});

describe('saved logs of removed containers', () => {
  it('keep only the newest lines within the line limit, oldest first', () => {
    const kept = bounded(
      Array.from({ length: 10 }, (_, i) => line(i)),
      { lines: 3, bytes: 1e6 },
    );
    expect(kept.map((l) => l.split(' ').slice(1).join(' ').trim())).toEqual(['line 7', 'line 8', 'line 9']);
  });

  it('keep only the newest lines within the byte limit', () => {
    const kept = bounded(
      Array.from({ length: 10 }, (_, i) => line(i, 'x'.repeat(100))),
      { lines: 1000, bytes: 350 },
    );
    expect(kept).toHaveLength(2);
    expect(Buffer.byteLength(kept.join(''))).toBeLessThanOrEqual(350);
  });

  it('cut a single line longer than the byte limit to its end', () => {
    const kept = bounded([line(1, 'a'.repeat(500) + 'END')], { lines: 1000, bytes: 100 });
    expect(kept).toHaveLength(1);
    expect(Buffer.byteLength(kept[0]!)).toBe(100);
    expect(kept[0]!.endsWith('END\n')).toBe(true);
  });

  it('a save replaces the previous one and reads back with its timestamps', () => {
    const dir = tempDir('pond-saved-');
    saveLines(dir, 'web', [line(1, 'old')]);
    saveLines(dir, 'web', [line(2, 'new a'), line(3, 'new b')]);
    expect(readSaved(dir, 'web')).toEqual([line(2, 'new a'), line(3, 'new b')]);
    expect(savedLogPath(dir, 'web')).toBe(path.join(dir, '.pond', 'logs', 'web.log'));
    expect(savedWorkloads(dir)).toEqual(['web']);
  });

  it('nothing saved reads as no lines', () => {
    expect(readSaved(tempDir('pond-saved-'), 'web')).toEqual([]);
  });
});
