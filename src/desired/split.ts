import type { LoadedConfig } from '../config/types.js';
import type { DesiredContainer, DesiredState } from './types.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import type { ProjectSpec } from '../model/types.js';
import { Reporter } from '../model/report.js';

/**
 * A scheduled bot has no long-running container: its desired container is the template each run is
 * created from, so it leaves the state the planner reconciles. Nothing can wait on it (there is
 * nothing to wait for between runs): such a depends_on is a located error.
 */
export function splitScheduled(
  spec: ProjectSpec,
  desired: DesiredState,
  config: Pick<LoadedConfig, 'locate'>,
): { desired: DesiredState; scheduled: DesiredContainer[] } {
  const names = scheduledNames(spec);
  if (!names.size) return { desired, scheduled: [] };
  refuseWaitsOnScheduled(spec, config);
  return {
    desired: {
      ...desired,
      containers: desired.containers.filter((c) => !names.has(c.workload)),
      order: desired.order.filter((n) => !names.has(n)),
      containerless: [...names].sort(),
    },
    scheduled: desired.containers.filter((c) => names.has(c.workload)),
  };
}

/** The located error splitScheduled raises, on its own: checking needs the spec, not the desired state. */
export function refuseWaitsOnScheduled(spec: ProjectSpec, config: Pick<LoadedConfig, 'locate'>): void {
  const found = waitsOnScheduled(spec, config);
  if (found.length) throw new ConfigError(found);
}

/** Each depends_on that waits on a scheduled bot, as a located error (none: an empty list). */
export function waitsOnScheduled(spec: ProjectSpec, config: Pick<LoadedConfig, 'locate'>): Diagnostic[] {
  const names = scheduledNames(spec);
  if (!names.size) return [];
  const report = new Reporter(config);
  for (const w of spec.workloads) {
    for (const dep of Object.keys(w.dependsOn).filter((d) => names.has(d))) {
      report.error(
        ['workloads', w.name, 'depends_on', dep],
        'depends-on-scheduled',
        `"${dep}" is a scheduled bot: it has no container to wait for between runs`,
        'remove this dependency, or drop schedule: to make the bot long-running',
      );
    }
  }
  return report.diagnostics;
}

function scheduledNames(spec: ProjectSpec): Set<string> {
  return new Set(spec.workloads.filter((w) => w.bot?.schedule).map((w) => w.name));
}
