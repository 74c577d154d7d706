import { createHash } from 'node:crypto';
import { LABEL } from '../labels.js';
import type { TaskSpec } from '../engine/types.js';
import { QUERY_PATHS } from '../workloads/query/expand.js';

/** The run id of a query's warm runner: one per workload, so its name is `<project>-<query>-run-warm`. */
export const WARM_RUN = 'warm';
/** What the one-shot runner reads and the warm one takes per request instead: not part of the runner. */
const PER_QUERY_ENV = ['POND_SQL', 'POND_FORMAT', 'POND_OUTPUT', 'POND_QUERY_HASH', 'POND_TIMEOUT_MS', 'POND_EXPLAIN'];

/**
 * The warm runner of a query workload, from the workload's own container spec: the same image,
 * input mounts, limits, network and hardening, minus the output folder (results leave through the
 * exec stream) and the per-query env. Labelled as a run (the planner leaves it alone; `down`
 * removes it) without an owner (it outlives the pond process that started it), and with the hash
 * of everything that makes it what it is (`runner` says which runner build it serves). Pure.
 */
export function warmSpec(template: TaskSpec, runner: string): TaskSpec {
  const env = Object.fromEntries(Object.entries(template.env).filter(([k]) => !PER_QUERY_ENV.includes(k)));
  const { [LABEL.owner]: _owner, ...labels } = template.labels;
  const spec: TaskSpec = {
    ...template,
    name: `${template.name}-run-${WARM_RUN}`,
    aliases: [],
    restart: 'no',
    command: ['node', QUERY_PATHS.runner, 'serve'],
    env,
    mounts: template.mounts.filter((m) => m.target !== QUERY_PATHS.out),
    labels: { ...labels, [LABEL.run]: WARM_RUN },
  };
  return { ...spec, labels: { ...spec.labels, [LABEL.warm]: warmHash(spec, runner) } };
}

/** sha256 prefix of the spec as the engine gets it, pond's bookkeeping labels left out, and the runner build. */
export function warmHash(spec: TaskSpec, runner: string): string {
  const { labels: _labels, ...rest } = spec;
  return createHash('sha256').update(canonical(rest)).update('\0').update(runner).digest('hex').slice(0, 16);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
