import type { Engine, ObservedWorkload } from '../engine/types.js';
import { UsageError } from '../errors.js';
import type { WorkloadSpec } from '../model/types.js';
import type { Project } from '../pipeline.js';
import { containerOf, serviceInfos } from '../session/connection-info.js';
import { kindSections, sectionEntries } from '../workloads/kind-hooks.js';
import type { InfoOptions, ProjectInfo } from './option-types.js';
import { infoSchema, parseOptions } from './options.js';
import type { WorkloadInfo } from './types.js';

/** `pond info --format json` as a value: one engine snapshot; passwords only with `reveal`. */
export async function info(
  project: Project,
  engine: () => Promise<Engine>,
  options: InfoOptions | undefined,
): Promise<ProjectInfo> {
  const o = parseOptions(infoSchema, options, 'Pond.info');
  const chosen = choose(project, o.workloads);
  const { workloads: containers } = await (await engine()).observe(project.spec.name);
  return {
    project: project.spec.name,
    ...(sectionEntries(kindSections(chosen, o.reveal)) as Pick<ProjectInfo, 'databases' | 'notebooks'>),
    services: serviceInfos(chosen, containers),
    workloads: chosen.map((w) => workloadInfo(w, containers)),
  };
}

function choose(project: Project, names: string[] | undefined): WorkloadSpec[] {
  const all = project.spec.workloads;
  const unknown = (names ?? []).filter((n) => !all.some((w) => w.name === n));
  if (unknown.length)
    throw new UsageError(
      `${unknown.map((n) => `"${n}"`).join(', ')} not a workload of project "${project.spec.name}"`,
      `workloads: ${all.map((w) => w.name).join(', ')}`,
    );
  return names ? all.filter((w) => names.includes(w.name)) : all;
}

function workloadInfo(w: WorkloadSpec, containers: ObservedWorkload[]): WorkloadInfo {
  const c = containerOf(containers, w.name);
  if (!c) return { workload: w.name, kind: w.kind, state: 'missing', ports: [] };
  return {
    workload: w.name,
    kind: w.kind,
    state: c.state,
    id: c.id,
    ports: c.ports.map((p) => ({ container: p.container, host: p.host, hostIp: p.hostIp, protocol: p.protocol })),
  };
}
