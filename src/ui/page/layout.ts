import type { UiState } from '../types.js';

/** Where a node sits: columns by dependency depth (what others wait for on the left). */
export interface Placed {
  name: string;
  layer: number;
  x: number;
  y: number;
}

/** The graph's geometry in SVG user units. */
export interface Layout {
  nodes: Placed[];
  width: number;
  height: number;
}

export const NODE_W = 168;
export const NODE_H = 52;
const GAP_X = 120;
const GAP_Y = 22;
const PAD = 16;

/** Depth per workload: 0 without dependencies, else one more than its deepest dependency. Cycles stop at the repeat. */
export function depths(names: string[], edges: UiState['edges']): Map<string, number> {
  const deps = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of edges) deps.get(e.from)?.push(e.to);
  const memo = new Map<string, number>();
  const visit = (name: string, path: Set<string>): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (path.has(name)) return 0;
    path.add(name);
    let depth = 0;
    for (const d of deps.get(name) ?? []) if (deps.has(d)) depth = Math.max(depth, visit(d, path) + 1);
    path.delete(name);
    memo.set(name, depth);
    return depth;
  };
  for (const n of names) visit(n, new Set());
  return memo;
}

/** Columns by depth, rows by name within a column: the same state always draws the same picture. */
export function layout(names: string[], edges: UiState['edges']): Layout {
  const depth = depths(names, edges);
  const columns: string[][] = [];
  for (const name of [...names].sort()) (columns[depth.get(name) ?? 0] ??= []).push(name);
  const nodes: Placed[] = [];
  let rows = 0;
  columns.forEach((column, layer) => {
    rows = Math.max(rows, column.length);
    column.forEach((name, i) =>
      nodes.push({ name, layer, x: PAD + layer * (NODE_W + GAP_X), y: PAD + i * (NODE_H + GAP_Y) }),
    );
  });
  const width = PAD * 2 + Math.max(1, columns.length) * NODE_W + Math.max(0, columns.length - 1) * GAP_X;
  const height = PAD * 2 + Math.max(1, rows) * NODE_H + Math.max(0, rows - 1) * GAP_Y;
  return { nodes, width, height };
}
