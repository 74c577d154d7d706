import { EngineUnreachableError, UsageError } from '../../errors.js';
import type { ObservedWorkload } from '../../engine/types.js';
import type { Context } from '../context.js';
import { containerInfos, containerTable } from '../info-view.js';
import { kindSections, sectionEntries } from '../../workloads/kind-hooks.js';
import { table } from '../output.js';
import { serviceInfos } from '../../session/connection-info.js';

export interface InfoFlags {
  format: 'text' | 'json';
  reveal?: boolean;
}

/**
 * `pond info [WORKLOAD]`: how to reach each database, notebook and service with a published port
 * from this machine, and each workload's container (id, pid, started, uptime). A database's
 * password shows only with --reveal; a notebook's URL carries its token, since opening it is what
 * the URL is for. The connection facts come from the config, so an engine that does not answer only
 * costs the container details (a warning says so).
 */
export async function infoCommand(ctx: Context, workload: string | undefined, flags: InfoFlags): Promise<number> {
  const project = await ctx.project();
  const all = project.spec.workloads;
  if (workload && !all.some((w) => w.name === workload)) {
    throw new UsageError(
      `"${workload}" is not a workload of project "${project.spec.name}"`,
      all.length ? `workloads: ${all.map((w) => w.name).join(', ')}` : 'pond.yaml declares no workloads',
    );
  }
  const chosen = all.filter((w) => !workload || w.name === workload);
  const containers = await inspected(ctx, project.spec.name);
  const kinds = kindSections(chosen, !!flags.reveal);
  const services = serviceInfos(chosen, containers ?? []);
  const workloads = containers ? containerInfos(chosen, containers, new Date()) : [];
  if (flags.format === 'json') {
    ctx.output.out(
      JSON.stringify({ project: project.spec.name, ...sectionEntries(kinds), services, workloads }, null, 2),
    );
    return 0;
  }
  const sections = [
    ...kinds.map((k) => k.entries.length && table(k.table)),
    services.length && table([['WORKLOAD', 'URL'], ...services.flatMap((s) => s.urls.map((u) => [s.workload, u]))]),
    workloads.length && table(containerTable(workloads)),
  ].filter((s): s is string => !!s);
  if (!sections.length) ctx.output.err(`project "${project.spec.name}" has nothing to show`);
  else ctx.output.out(sections.join('\n'));
  return 0;
}

/** The project's containers with inspect's details (pid, start time); undefined when no engine answers. */
async function inspected(ctx: Context, project: string): Promise<ObservedWorkload[] | undefined> {
  try {
    const engine = await ctx.openEngine();
    const { workloads: containers } = await engine.observe(project);
    return await Promise.all(containers.map((c) => engine.inspectWorkload(c.id).catch(() => c)));
  } catch (e) {
    if (!(e instanceof EngineUnreachableError)) throw e;
    ctx.output.err(`warning: ${e.message}: container details (id, pid, uptime) left out`);
    return undefined;
  }
}
