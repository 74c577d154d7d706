import fs from 'node:fs';
import type { QueryFacts } from '../../workloads/query/expand.js';
import type { QueryPreview } from './state.js';

/** Rows the page previews of a query's output. */
export const PREVIEW_ROWS = 50;

/** The first rows of a query's output file as the page shows them; an absent or binary output has none. */
export function queryPreview(q: QueryFacts): QueryPreview {
  const base: QueryPreview = { output: q.output, inputHash: q.hash, columns: [], rows: [] };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(q.output);
  } catch {
    return base;
  }
  const ranAt = stat.mtime.toISOString();
  if (q.format === 'arrow') return { ...base, ranAt };
  const text = readHead(q.output, 256 * 1024);
  return { ...base, ranAt, ...(q.format === 'csv' ? csvRows(text) : jsonRows(text)) };
}

function readHead(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, fs.readSync(fd, buf, 0, bytes, 0)).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** CSV as DuckDB writes it: a header line, then one row a line (quoted cells may hold commas). */
export function csvRows(text: string): Pick<QueryPreview, 'columns' | 'rows'> {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const [head, ...rest] = lines;
  if (head === undefined) return { columns: [], rows: [] };
  return { columns: cells(head), rows: rest.slice(0, PREVIEW_ROWS).map(cells) };
}

function cells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
    const cell = m[1]!;
    out.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
    if (m[2] === '') break;
  }
  return out;
}

/** JSON output: an array of row objects (or one object per line); unreadable text previews nothing. */
export function jsonRows(text: string): Pick<QueryPreview, 'columns' | 'rows'> {
  const objects = parseRows(text).slice(0, PREVIEW_ROWS);
  const columns = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return { columns, rows: objects.map((o) => columns.map((c) => o[c] ?? null)) };
}

function parseRows(text: string): Record<string, unknown>[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isRecord) : isRecord(v) ? [v] : [];
  } catch {
    return text.split('\n').flatMap((l) => {
      try {
        const v: unknown = JSON.parse(l);
        return isRecord(v) ? [v] : [];
      } catch {
        return [];
      }
    });
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
