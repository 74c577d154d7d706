import type { Edge } from '../graph/graph.js';
import type { WorkloadSpec } from '../model/types.js';

/** A workload as the graph draws it: its name and kind, and a scheduled bot's schedule. */
export interface GraphNode {
  name: string;
  kind: WorkloadSpec['kind'];
  schedule?: string;
}

/** Every workload, scheduled bots and queries included, sorted by name so the drawing never moves. */
export function graphNodes(workloads: readonly WorkloadSpec[]): GraphNode[] {
  return workloads
    .map((w) => ({ name: w.name, kind: w.kind, ...(w.bot?.schedule && { schedule: w.bot.schedule }) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const byEnds = (a: Edge, b: Edge): number =>
  a.to + '\0' + a.from < b.to + '\0' + b.from ? -1 : a.to === b.to && a.from === b.from ? 0 : 1;
const kindOf = (n: GraphNode): string => (n.schedule ? `${n.kind} (${n.schedule})` : n.kind);

/** Graphviz DOT; arrows run from a dependency to the workload that waits for it, labelled with the condition. */
export function toDot(project: string, nodes: readonly GraphNode[], edges: readonly Edge[]): string {
  const esc = (s: string): string => s.replace(/[\\"]/g, '\\$&');
  const q = (s: string): string => `"${esc(s)}"`;
  return [
    `digraph ${q(project)} {`,
    '  rankdir=LR;',
    '  node [shape=box];',
    ...nodes.map((n) => `  ${q(n.name)} [label="${esc(n.name)}\\n${esc(kindOf(n))}"];`),
    ...[...edges].sort(byEnds).map((e) => `  ${q(e.to)} -> ${q(e.from)} [label=${q(e.condition)}];`),
    '}',
  ].join('\n');
}

/** A Mermaid flowchart of the same graph; node ids are positions, so any workload name is safe in it. */
export function toMermaid(nodes: readonly GraphNode[], edges: readonly Edge[]): string {
  const id = new Map(nodes.map((n, i) => [n.name, `w${i}`]));
  const label = (s: string): string => s.replace(/"/g, '#quot;');
  return [
    'flowchart LR',
    ...nodes.map((n) => `  ${id.get(n.name)}["${label(n.name)}<br/>${label(kindOf(n))}"]`),
    ...[...edges].sort(byEnds).map((e) => `  ${id.get(e.to)} -->|${e.condition}| ${id.get(e.from)}`),
  ].join('\n');
}
