import { optIn, type ServiceContext } from './context.js';
import type { Notes } from './notes.js';
import { asString, isMap, pondName, type Data } from './words.js';

const CONDITIONS: Record<string, string> = {
  service_started: 'started',
  service_healthy: 'healthy',
  service_completed_successfully: 'completed',
};

/** `depends_on:` list or mapping with Compose's conditions → pond's `started | healthy | completed`. */
export function convertDependsOn(svc: Data, out: Data, ctx: ServiceContext, notes: Notes): void {
  const raw = svc.depends_on;
  const rename = (n: string): string => ctx.services.get(n) ?? pondName(n);
  if (Array.isArray(raw)) {
    if (raw.length > 0) out.depends_on = raw.map((n) => rename(asString(n)));
    return;
  }
  if (!isMap(raw)) return;
  const deps: Record<string, string> = {};
  for (const [name, spec] of Object.entries(raw)) {
    const condition = isMap(spec) && spec.condition !== undefined ? asString(spec.condition) : 'service_started';
    deps[rename(name)] = CONDITIONS[condition] ?? 'started';
    if (!CONDITIONS[condition])
      notes.skip(`depends_on.${name}.condition ${condition}`, 'not a Compose condition; started is used', 'depends_on');
    if (isMap(spec) && spec.required === false)
      notes.skip(`depends_on.${name}.required: false`, 'pond has no optional dependencies', 'depends_on');
    if (isMap(spec) && spec.restart === true)
      notes.skip(
        `depends_on.${name}.restart: true`,
        `pond does not restart this workload when ${name} restarts`,
        'depends_on',
      );
  }
  out.depends_on = deps;
}

const RESTARTS = ['no', 'always', 'unless-stopped', 'on-failure'];

/** `restart:` takes the same four words; `on-failure:N`'s retry count has no place in pond. */
export function convertRestart(svc: Data, out: Data, notes: Notes): void {
  if (svc.restart === undefined) return;
  const text = svc.restart === false ? 'no' : asString(svc.restart);
  if (RESTARTS.includes(text)) {
    out.restart = text;
    return;
  }
  if (/^on-failure:\d+$/.test(text)) {
    out.restart = 'on-failure';
    notes.skip(`restart: ${text}`, "pond's on-failure has no retry limit", 'restart');
    return;
  }
  notes.skip(`restart: ${text}`, `pond takes ${RESTARTS.join(', ')}`);
}

/** `network_mode:` → `network:`: host (with its opt-in), none, service:X → workload:X. */
export function convertNetworkMode(svc: Data, out: Data, ctx: ServiceContext, notes: Notes): void {
  const mode = svc.network_mode === undefined ? undefined : asString(svc.network_mode);
  if (mode === undefined || mode === 'bridge' || mode === 'default') return;
  if (mode === 'none') out.network = 'none';
  else if (mode === 'host') {
    out.network = 'host';
    optIn(out, 'host-network');
    notes.change('host networking weakens isolation: pond needs unsafe: [host-network] for it', 'unsafe');
  } else if (mode.startsWith('service:'))
    out.network = `workload:${ctx.services.get(mode.slice(8)) ?? pondName(mode.slice(8))}`;
  else notes.skip(`network_mode: ${mode}`, "pond shares only another workload's namespace (service:NAME)");
}

/** Compose's resource keys with no pond equivalent: convertResources notes each one it meets. */
export const UNMAPPED_RESOURCE_KEYS = [
  'mem_reservation',
  'memswap_limit',
  'mem_swappiness',
  'cpu_quota',
  'cpu_period',
  'cpuset',
  'cpu_count',
  'cpu_percent',
  'pids_limit',
] as const;

const MEMORY = /^[0-9]+(\.[0-9]+)?\s*[bkmgtBKMGT]?[bB]?$/;

/** `mem_limit`, `cpus`, `cpu_shares` and `deploy.resources.limits` → `resources:` (pond sets limits only). */
export function convertResources(svc: Data, out: Data, notes: Notes): void {
  const deploy = isMap(svc.deploy) ? svc.deploy : {};
  const resources = isMap(deploy.resources) ? deploy.resources : {};
  const limits = isMap(resources.limits) ? resources.limits : {};
  const memory = svc.mem_limit ?? limits.memory;
  const cpus = svc.cpus ?? limits.cpus;
  const r: Data = {};
  if (memory !== undefined && (typeof memory === 'number' || MEMORY.test(asString(memory)))) r.memory = memory;
  else if (memory !== undefined) notes.skip(`memory limit ${asString(memory)}`, 'not a size pond reads');
  if (cpus !== undefined && Number(cpus) > 0) r.cpus = typeof cpus === 'number' ? cpus : asString(cpus);
  if (typeof svc.cpu_shares === 'number') r.cpu_shares = svc.cpu_shares;
  if (Object.keys(r).length > 0) out.resources = r;
  if (limits.pids !== undefined) notes.skip('deploy.resources.limits.pids', 'pond sets no process limit on a service');
  if (resources.reservations !== undefined)
    notes.skip('deploy.resources.reservations', 'pond sets limits, not reservations');
  for (const key of UNMAPPED_RESOURCE_KEYS) {
    if (svc[key] !== undefined) notes.skip(key, "pond's resources are memory, cpus and cpu_shares");
  }
  for (const key of Object.keys(deploy))
    if (key !== 'resources') notes.skip(`deploy.${key}`, 'pond runs one container per workload on this engine');
}
