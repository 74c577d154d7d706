import type { TaskSpec, Engine } from '../engine/types.js';
import type { Project } from '../pipeline.js';

/**
 * A run before any `pond up` (or with `--no-deps`): the project network it joins and the declared
 * volumes it mounts may not exist yet. They are made with pond's labels, as `up` would make them,
 * because the engine would otherwise create a volume on mount without them, one `up` then refuses.
 */
export async function ensureShared(engine: Engine, project: Project, spec: TaskSpec): Promise<void> {
  const observed = await engine.observe(project.spec.name);
  const net = project.desired.networks.find((n) => n.name === spec.network);
  if (net && !observed.networks.some((n) => n.name === net.name)) {
    await engine.createNetwork(net).catch(async (e: unknown) => {
      if (!(await engine.observe(project.spec.name)).networks.some((n) => n.name === net.name)) throw e;
    });
  }
  const sources = new Set(spec.mounts.flatMap((m) => (m.type === 'volume' ? [m.source] : [])));
  for (const v of project.desired.volumes) {
    if (sources.has(v.name) && !observed.volumes.some((o) => o.name === v.name))
      await engine.createVolume({ name: v.name, labels: v.labels });
  }
}
