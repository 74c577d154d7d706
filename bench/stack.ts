/** The image every bench service runs; it must already be present (the bench never pulls). */
export const IMAGE = 'busybox:1.35';
/** The long-running command; under an init so stops take ~0.1 s instead of the 10 s timeout (DESIGN §6). */
export const COMMAND = ['sh', '-c', 'sleep 3600'];
/** The env var whose value the "one change" operation bumps on the changed service only. */
export const REV_VAR = 'BENCH_REV';
/** Each service depends on one parent, FANOUT children per parent: a tree of depth ~log8(N), so order matters on cold up. */
export const FANOUT = 8;

/** Service names for a stack of `n`: s00, s01, … (zero-padded so they sort). */
export function serviceNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => serviceName(n, i));
}

/** The name of service `index` in a stack of `n`, without listing the others. */
function serviceName(n: number, index: number): string {
  const width = Math.max(String(Math.max(n - 1, 0)).length, 2);
  return `s${String(index).padStart(width, '0')}`;
}

/** The one service each service waits for (none for the root s00). */
export function dependencyOf(n: number, index: number): string | undefined {
  // By index, not from the list of names: one call per service made the stack's generation quadratic.
  return index === 0 ? undefined : serviceName(n, Math.floor((index - 1) / FANOUT));
}

/** service → the services it depends on, for the whole stack. */
export function dependencies(n: number): Map<string, string[]> {
  return new Map(serviceNames(n).map((s, i) => [s, dependencyOf(n, i) ? [dependencyOf(n, i)!] : []]));
}

/** The service whose env changes in "one change": the last one, a leaf, so nothing depends on it. */
export function changedService(n: number): string {
  return serviceName(n, n - 1);
}

/** Env of `service` at revision `rev`: only the changed service carries `rev`, the rest stay at 0. */
export function envFor(n: number, service: string, rev: number): Record<string, string> {
  return { [REV_VAR]: String(service === changedService(n) ? rev : 0), BENCH_SERVICE: service };
}
