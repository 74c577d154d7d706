import { didYouMean } from '../config/suggest.js';
import { sortDiagnostics } from '../config/validate.js';
import type { LoadedConfig } from '../config/types.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import type { Condition } from '../engine/types.js';
import { Reporter } from '../model/report.js';
import type { ProjectSpec, WorkloadSpec } from '../model/types.js';
import { byText } from '../canonical.js';

export interface Edge {
  from: string;
  to: string;
  condition: Condition;
}

/** The dependency DAG. `order` is a deterministic topological order: dependencies first, ties by name. */
export interface Graph {
  order: string[];
  edges: Edge[];
}

/**
 * Builds the DAG from depends_on (the model adds the dependencies that references and
 * `network: workload:NAME` imply). Unknown targets, conditions that can never be met and cycles are
 * reported at the user's line (a cycle as its path, "a → b → a"), all at once.
 */
export function buildGraph(spec: ProjectSpec, config: Pick<LoadedConfig, 'locate' | 'data'>): Graph {
  const { graph, diagnostics } = checkGraph(spec, config);
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return graph;
}

/**
 * What buildGraph checks, on a project that may have failed earlier stages: a dependency on a workload
 * in `known` but not in the spec (refused earlier) is left out without a second error; one on a
 * workload in `failed` is an edge (cycles through it are found) whose condition is not checked
 * against its possibly incomplete spec.
 */
export function checkGraph(
  spec: ProjectSpec,
  config: Pick<LoadedConfig, 'locate' | 'data'>,
  broken: { known?: ReadonlySet<string>; failed?: ReadonlySet<string> } = {},
): { graph: Graph; diagnostics: Diagnostic[] } {
  const report = new Reporter(config);
  const byName = new Map(spec.workloads.map((w) => [w.name, w]));
  const known = broken.known ?? new Set(byName.keys());
  const edges: Edge[] = [];
  for (const w of spec.workloads) {
    for (const [dep, condition] of Object.entries(w.dependsOn).sort(([a], [b]) => byText(a, b))) {
      const at = dependencyPath(config.data, w.name, dep);
      const target = byName.get(dep);
      if (!target && known.has(dep)) continue;
      if (!target) {
        report.error(
          at,
          'unknown-dependency',
          `workload "${w.name}" depends on "${dep}", which is not defined`,
          hintFor(dep, [...known]),
        );
      } else if (broken.failed?.has(dep)) {
        edges.push({ from: w.name, to: dep, condition });
      } else if (condition === 'healthy' && !target.health) {
        report.error(
          at,
          'no-health-check',
          `"${w.name}" waits for "${dep}" to be healthy, but "${dep}" has no health check`,
          `add \`health:\` to "${dep}", or use \`${dep}: started\``,
        );
      } else if (condition === 'completed' && (target.restart === 'always' || target.restart === 'unless-stopped')) {
        report.error(
          at,
          'never-completes',
          `"${w.name}" waits for "${dep}" to complete, but "${dep}" restarts whenever it exits (restart: ${target.restart})`,
          `give "${dep}" restart: "no" or on-failure, or wait for \`${dep}: started\``,
        );
      } else {
        edges.push({ from: w.name, to: dep, condition });
      }
    }
  }
  const order = topoOrder(
    spec.workloads.map((w) => w.name),
    edges,
  );
  const placed = new Set(order);
  const stuck = spec.workloads.filter((w) => !placed.has(w.name));
  for (const cycle of findCycles(stuck, edges)) {
    report.error(
      dependencyPath(config.data, cycle[0]!, cycle[1]!),
      'dependency-cycle',
      `dependency cycle: ${cycle.join(' → ')}`,
      'remove one of these depends_on entries',
    );
  }
  return { graph: { order, edges }, diagnostics: sortDiagnostics(report.diagnostics) };
}

/** Where a dependency was declared: its depends_on entry, or `network: workload:NAME`, which implies one. */
function dependencyPath(data: Record<string, unknown>, from: string, dep: string): (string | number)[] {
  const w = (data.workloads as Record<string, { depends_on?: unknown; network?: unknown }> | undefined)?.[from];
  const raw = w?.depends_on;
  if (Array.isArray(raw) && raw.includes(dep)) return ['workloads', from, 'depends_on', raw.indexOf(dep)];
  const declared = raw && typeof raw === 'object' && !Array.isArray(raw) && dep in raw;
  if (!declared && w?.network === `workload:${dep}`) return ['workloads', from, 'network'];
  if (Array.isArray(raw)) return ['workloads', from, 'depends_on', Math.max(0, raw.indexOf(dep))];
  return ['workloads', from, 'depends_on', dep];
}

function hintFor(name: string, known: string[]): string {
  const close = didYouMean(name, known);
  const list = known.length ? `defined workloads: ${known.join(', ')}` : 'no workloads are defined';
  return close ? `did you mean "${close}"? (${list})` : list;
}

/**
 * Kahn's algorithm in levels: a workload's level is one past its deepest dependency's, and the order is
 * by level, then by name (code-unit order), so the same graph always gives the same order. Linear in
 * names + edges apart from sorting each level. A name that waits on an unknown name or on a cycle is
 * left out.
 */
export function topoOrder(names: string[], edges: Edge[]): string[] {
  const waiting = new Map<string, number>(names.map((n) => [n, 0]));
  const dependents = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { from, to } of edges) {
    const pair = `${from}\u0000${to}`;
    if (!waiting.has(from) || seen.has(pair)) continue;
    seen.add(pair);
    waiting.set(from, waiting.get(from)! + 1);
    const list = dependents.get(to);
    if (list) list.push(from);
    else dependents.set(to, [from]);
  }
  const order: string[] = [];
  let level = [...waiting].filter(([, count]) => count === 0).map(([n]) => n);
  while (level.length > 0) {
    for (const n of level.sort()) order.push(n);
    level = level.flatMap((done) => released(done, dependents, waiting));
  }
  return order;
}

function released(done: string, dependents: Map<string, string[]>, waiting: Map<string, number>): string[] {
  const ready: string[] = [];
  for (const from of dependents.get(done) ?? []) {
    const left = waiting.get(from)! - 1;
    waiting.set(from, left);
    if (left === 0) ready.push(from);
  }
  return ready;
}

/**
 * Each cycle once, rotated to start at its smallest name, as a closed path. Only called on the nodes a
 * topological sort could not place, so the search stays small.
 */
function findCycles(workloads: WorkloadSpec[], edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  const inside = new Set(workloads.map((w) => w.name));
  for (const e of edges.filter((x) => inside.has(x.from) && inside.has(x.to)))
    next.set(e.from, [...(next.get(e.from) ?? []), e.to].sort());
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string, stack: string[]): void => {
    const at = stack.indexOf(node);
    if (at >= 0) {
      const loop = stack.slice(at);
      const start = loop.indexOf([...loop].sort()[0]!);
      const rotated = [...loop.slice(start), ...loop.slice(0, start)];
      const key = rotated.join('>');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push([...rotated, rotated[0]!]);
      }
      return;
    }
    if (stack.length > workloads.length) return;
    for (const to of next.get(node) ?? []) visit(to, [...stack, node]);
  };
  for (const w of workloads) visit(w.name, []);
  return cycles;
}
