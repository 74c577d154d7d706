import type { UiState } from '../types.js';
import { NODE_H, NODE_W, type Layout, type Placed } from './layout.js';

/** Baseline to baseline of two stacked edge labels (11 px text with its halo). */
export const LABEL_ROW = 16;
/** How far a label's baseline sits above the end of its own edge. */
const RISE = 4;
/** The lowest a first baseline may be: the text above it stays inside the drawing. */
const TOP = 12;

/** Where an edge's label is written: `x` is its right end for 'end', its left end for 'start'. */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

/** One drawn edge, dependency → dependent: its SVG path and its label's spot. */
export interface Route {
  from: string;
  to: string;
  condition: string;
  d: string;
  label: LabelSpot;
}

interface Pending {
  edge: UiState['edges'][number];
  dep: Placed;
  dependent: Placed;
  want: number;
  y: number;
}

/**
 * The edges of a layout with their labels placed so that no two overlap: the edges into one
 * workload end at their own heights on its left side (ordered as their sources are, so they do not
 * cross), each label just above its edge's end, and the labels of one column's gap are pushed
 * apart to a full row where they would touch. `height` grows when the labels reach below the nodes.
 * Only edges of a cycle (pond refuses those) run backwards; they are labelled above their target.
 */
export function routes(geo: Layout, edges: UiState['edges']): { routes: Route[]; height: number } {
  const at = new Map(geo.nodes.map((n) => [n.name, n]));
  const forward: Pending[] = [];
  const out: Route[] = [];
  for (const edge of edges) {
    const dep = at.get(edge.to);
    const dependent = at.get(edge.from);
    if (!dep || !dependent) continue;
    if (dependent.x > dep.x + NODE_W) forward.push({ edge, dep, dependent, want: 0, y: 0 });
    else out.push(backward(edge, dep, dependent, out.filter((r) => r.from === edge.from).length));
  }
  let bottom = geo.height;
  for (const gap of byKey(forward, (p) => String(p.dependent.layer))) {
    for (const into of byKey(gap, (p) => p.dependent.name)) stack(into);
    let last = -Infinity;
    for (const p of gap.sort((a, b) => a.want - b.want)) {
      p.y = Math.max(p.want, last + LABEL_ROW, TOP);
      last = p.y;
      bottom = Math.max(bottom, p.y + LABEL_ROW / 2);
    }
  }
  for (const p of forward) out.push(curve(p));
  return { routes: out, height: bottom };
}

/** The wanted label baselines of the edges into one workload: a stack centred on its left side. */
function stack(into: Pending[]): void {
  into.sort((a, b) => a.dep.y - b.dep.y || a.dep.x - b.dep.x || a.edge.to.localeCompare(b.edge.to));
  const mid = into[0]!.dependent.y + NODE_H / 2;
  into.forEach((p, i) => (p.want = mid + (i - (into.length - 1) / 2) * LABEL_ROW - RISE));
}

function curve(p: Pending): Route {
  const x1 = p.dep.x + NODE_W;
  const y1 = p.dep.y + NODE_H / 2;
  const x2 = p.dependent.x;
  const y2 = Math.min(Math.max(p.y + RISE, p.dependent.y + 4), p.dependent.y + NODE_H - 4);
  const mx = (x1 + x2) / 2;
  return {
    from: p.edge.from,
    to: p.edge.to,
    condition: p.edge.condition,
    d: `M${x1} ${y1}C${mx} ${y1} ${mx} ${y2} ${x2} ${y2}`,
    label: { x: x2 - 8, y: p.y, anchor: 'end' },
  };
}

function backward(edge: UiState['edges'][number], dep: Placed, dependent: Placed, nth: number): Route {
  const d = `M${dep.x + NODE_W / 2} ${dep.y + NODE_H}L${dependent.x + NODE_W / 2} ${dependent.y}`;
  return {
    from: edge.from,
    to: edge.to,
    condition: edge.condition,
    d,
    label: { x: dependent.x + NODE_W / 2 + 6, y: dependent.y - 6 - nth * LABEL_ROW, anchor: 'start' },
  };
}

function byKey<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}
