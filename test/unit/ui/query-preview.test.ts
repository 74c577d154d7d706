import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows, jsonRows, PREVIEW_ROWS, queryPreview } from '../../../src/ui/server/query-preview.js';
import type { QueryFacts } from '../../../src/workloads/query/expand.js';

const facts = (output: string, format: QueryFacts['format']): QueryFacts => ({
  sql: 'select 1',
  output,
  format,
  timeoutMs: 1000,
  hash: 'abc123',
  warm: false,
});

describe('ui query preview', () => {
  it('reads CSV with a header, quoted cells keeping their commas and quotes', () => {
    expect(csvRows('day,total,note\n2025-01-01,3,"a, b"\n2025-01-02,4,"say ""hi"""\n')).toEqual({
      columns: ['day', 'total', 'note'],
      rows: [
        ['2025-01-01', '3', 'a, b'],
        ['2025-01-02', '4', 'say "hi"'],
      ],
    });
  });

  it('reads JSON as an array of rows or one object a line, columns in first-seen order', () => {
    expect(jsonRows('[{"a":1,"b":2},{"b":3,"c":4}]')).toEqual({
      columns: ['a', 'b', 'c'],
      rows: [
        [1, 2, null],
        [null, 3, 4],
      ],
    });
    expect(jsonRows('{"a":1}\n{"a":2}\n')).toEqual({ columns: ['a'], rows: [[1], [2]] });
  });

  it(`previews at most ${PREVIEW_ROWS} rows`, () => {
    const csv = ['n', ...Array.from({ length: 80 }, (_, i) => String(i))].join('\n');
    expect(csvRows(csv).rows).toHaveLength(PREVIEW_ROWS);
  });

  it('an output not written yet has no rows and no run time; a written one has its mtime', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hu-preview-'));
    const out = path.join(dir, 'out.csv');
    expect(queryPreview(facts(out, 'csv'))).toEqual({ output: out, inputHash: 'abc123', columns: [], rows: [] });
    fs.writeFileSync(out, 'x\n1\n');
    expect(queryPreview(facts(out, 'csv'))).toMatchObject({
      ranAt: fs.statSync(out).mtime.toISOString(),
      columns: ['x'],
      rows: [['1']],
    });
    fs.rmSync(dir, { recursive: true });
  });
});
