import { LABEL } from '../labels.js';
import type { DesiredContainer } from '../desired/types.js';
import type { TaskSpec } from '../engine/types.js';
import { UsageError } from '../errors.js';

/**
 * What `pond run` may change in the container it runs, as docker run / compose run spell it. Absent
 * fields keep the workload's own; `env` is merged over the workload's.
 */
export interface SpecOverrides {
  command?: string[];
  /** `[]` clears the image's entrypoint (`--entrypoint ''`). */
  entrypoint?: string[];
  env: Record<string, string>;
  user?: string;
  workingDir?: string;
}

/** How a one-off differs from the standing container beyond the overrides. */
export interface OneOffOptions extends SpecOverrides {
  /** `--service-ports`: publish the workload's ports (off by default, so the one-off never competes for them). */
  servicePorts: boolean;
  /**
   * `--no-rm`: the container stays after it exits. It then carries no owner tag, so the next `up`
   * does not take it for an abandoned run; `down` removes it.
   */
  keep: boolean;
}

/** The overrides applied to a spec; nothing else changes. Pure. */
export function withOverrides(spec: TaskSpec, o: SpecOverrides): TaskSpec {
  return {
    ...spec,
    ...(o.command && { command: o.command }),
    ...(o.entrypoint && { entrypoint: o.entrypoint.length ? o.entrypoint : [''] }),
    env: { ...spec.env, ...o.env },
    ...(o.user !== undefined && { user: o.user }),
    ...(o.workingDir !== undefined && { workingDir: o.workingDir }),
  };
}

/**
 * Refuses a one-off that would harm the standing workload: a database's own server run a second time
 * (no command given) would open the data directory the running one holds.
 */
export function refuseOneOff(template: DesiredContainer, o: SpecOverrides): void {
  if (template.data && !o.command && !o.entrypoint) {
    throw new UsageError(
      `"${template.workload}" is a database: a one-off without a command would start a second server`,
      `start the database with \`pond up ${template.workload}\`, or give a client command: pond run ${template.workload} psql -h ${template.workload}`,
    );
  }
}

/**
 * The one-off container for a workload: its desired spec under a run's name and labels (the planner
 * leaves it alone, `down` removes it), never restarted, no health check, no network alias (the
 * workload's name keeps meaning the standing container), no published ports unless asked, and for a
 * database never its persistent data volume, whose files the running server owns. Pure.
 */
export function oneOffSpec(template: DesiredContainer, id: string, o: OneOffOptions, owner: string): TaskSpec {
  const base = withOverrides(template.spec, o);
  const dataVolume = template.data ? template.initOnly?.volume : undefined;
  const { health: _health, ...rest } = base;
  return {
    ...rest,
    name: `${template.spec.name}-run-${id}`,
    restart: 'no',
    aliases: [],
    ports: o.servicePorts ? base.ports : [],
    mounts: base.mounts.filter((m) => !(m.type === 'volume' && m.source === dataVolume)),
    labels: { ...base.labels, [LABEL.run]: id, ...(!o.keep && { [LABEL.owner]: owner }) },
  };
}
