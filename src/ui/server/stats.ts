import { LABEL } from '../../labels.js';
import type { Engine } from '../../engine/types.js';
import type { UiStats } from '../types.js';

/** One sample of every running workload, all taken at once (each engine answer measures over about a second). */
export async function sampleStats(engine: Engine, project: string): Promise<UiStats> {
  const { workloads: containers } = await engine.observe(project);
  const running = containers.filter((c) => c.state === 'running' && c.labels[LABEL.workload] && !c.labels[LABEL.run]);
  const samples = await Promise.all(
    running.map(async (c) => [c.labels[LABEL.workload]!, await engine.stats(c.id).catch(() => undefined)] as const),
  );
  const out: UiStats = {};
  const t = Date.now();
  for (const [workload, s] of samples)
    if (s)
      out[workload] = {
        t,
        cpuPercent: Math.round(s.cpuPercent * 100) / 100,
        memoryBytes: s.memoryBytes,
        memoryLimitBytes: s.memoryLimitBytes,
      };
  return out;
}
