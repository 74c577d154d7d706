import type { Engine, ObservedWorkload, Probe } from '../engine/types.js';
import { LABEL } from '../labels.js';

export type Readiness = 'starting' | 'ready' | 'responding' | 'not responding';

const TRY_MS = 1_000;

/**
 * What `pond ps` says of a workload with `ready_when`: "starting" until its log line has been seen
 * (or, with only an HTTP condition, until it first answers), then "ready"; with an HTTP condition,
 * "responding" while it answers now and "not responding" once it stops. Pure.
 */
export function readinessOf(logSeen: boolean | undefined, answering: boolean | undefined): Readiness {
  if (logSeen === false) return 'starting';
  if (answering === undefined) return 'ready';
  if (answering) return 'responding';
  return logSeen ? 'not responding' : 'starting';
}

/** Re-checks ready_when of each running container now (in parallel), by container name. */
export async function checkReadiness(
  engine: Engine,
  containers: ObservedWorkload[],
  readyWhen: ReadonlyMap<string, Probe>,
): Promise<Map<string, Readiness>> {
  const results = await Promise.all(
    runningWith(containers, readyWhen).map(async ([c, probe]) => {
      const parts = split(probe);
      const ok = (probes: Probe[]): Promise<boolean | undefined> =>
        probes.length
          ? Promise.all(
              probes.map((p) =>
                engine.probe(c.id, p, TRY_MS).then(
                  (r) => r.ok,
                  () => false,
                ),
              ),
            ).then((all) => all.every(Boolean))
          : Promise.resolve(undefined);
      const [logSeen, answering] = await Promise.all([ok(parts.log), ok(parts.http)]);
      return [c.name, readinessOf(logSeen, answering)] as const;
    }),
  );
  return new Map(results);
}

/** Each running workload container (not a one-off run) whose workload has a probe in `probes`, with it. */
function runningWith(containers: ObservedWorkload[], probes: ReadonlyMap<string, Probe>): [ObservedWorkload, Probe][] {
  return containers.flatMap((c): [ObservedWorkload, Probe][] => {
    const probe = probes.get(c.labels[LABEL.workload] ?? '');
    return c.state === 'running' && c.labels[LABEL.run] === undefined && probe ? [[c, probe]] : [];
  });
}

function split(probe: Probe): { log: Probe[]; http: Probe[] } {
  const all = 'all' in probe ? probe.all : [probe];
  return { log: all.filter((p) => 'log' in p), http: all.filter((p) => !('log' in p)) };
}

/**
 * The health `pond ps` shows for workloads without ready_when: the engine's answer when it has a
 * verdict, else pond's own probe tried once now. An engine check stays "starting" until its first
 * interval has passed, and http/tcp/log probes have no engine check at all, so without this a
 * notebook `up` just saw healthy would show nothing, and a database "starting" for seconds.
 */
export async function checkHealth(
  engine: Engine,
  containers: ObservedWorkload[],
  health: ReadonlyMap<string, Probe>,
): Promise<Map<string, 'healthy' | 'unhealthy'>> {
  const pending = runningWith(containers, health).filter(([c]) => c.health === undefined || c.health === 'starting');
  const results = await Promise.all(
    pending.map(async ([c, probe]) => {
      const ok = await engine.probe(c.id, probe, TRY_MS).then(
        (r) => r.ok,
        () => false,
      );
      return [c.name, ok ? 'healthy' : c.health === 'starting' ? undefined : 'unhealthy'] as const;
    }),
  );
  return new Map(results.filter((r): r is readonly [string, 'healthy' | 'unhealthy'] => r[1] !== undefined));
}
