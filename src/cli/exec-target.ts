import { LABEL } from '../labels.js';
import type { ObservedWorkload } from '../engine/types.js';
import { UsageError } from '../errors.js';

/**
 * The container `pond exec W` runs in: the one pond keeps for W (never a one-off run, which carries
 * `dev.pond.run`), and only while it runs. `declared` are the workloads pond.yaml names (undefined
 * when no file was read: then what the engine has is all pond knows). Every refusal is a UsageError
 * (exit 3) raised before anything runs.
 */
export function execTarget(
  workload: string,
  declared: string[] | undefined,
  containers: ObservedWorkload[],
): ObservedWorkload {
  const managed = containers.filter((c) => c.labels[LABEL.run] === undefined);
  const known = [...new Set([...(declared ?? []), ...managed.map((c) => c.labels[LABEL.workload] ?? '')])]
    .filter(Boolean)
    .sort();
  if (!known.includes(workload)) {
    throw new UsageError(
      `no workload "${workload}" in this project`,
      known.length ? `workloads: ${known.join(', ')}` : 'this project has no workloads yet: run pond up first',
    );
  }
  const target = managed.find((c) => c.labels[LABEL.workload] === workload);
  if (!target) throw new UsageError(`workload "${workload}" has no container`, 'run pond up first');
  if (target.state !== 'running') {
    throw new UsageError(
      `workload "${workload}" is not running (${target.state})`,
      target.state === 'paused' ? `unpause it first: docker unpause ${target.name}` : `stopped: pond start ${workload}`,
    );
  }
  return target;
}
