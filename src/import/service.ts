import type { ServiceContext } from './context.js';
import { convertEnv, convertEnvFile, convertLabels } from './env.js';
import { convertHealth } from './health.js';
import { convertMounts } from './mounts.js';
import { Notes, type ImportNote } from './notes.js';
import { convertPorts } from './ports.js';
import {
  convertDependsOn,
  convertNetworkMode,
  convertResources,
  convertRestart,
  UNMAPPED_RESOURCE_KEYS,
} from './runtime.js';
import { asString, isMap, splitArgs, type Data } from './words.js';

/** Keys carried over as they are: pond reads them the way Compose does. */
const SAME = [
  'user',
  'working_dir',
  'hostname',
  'shm_size',
  'stop_signal',
  'stop_grace_period',
  'init',
  'ulimits',
] as const;

/** Keys some converter above reads. */
const HANDLED = new Set([
  ...SAME,
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'labels',
  'ports',
  'volumes',
  'tmpfs',
  'secrets',
  'configs',
  'healthcheck',
  'depends_on',
  'restart',
  'network_mode',
  'mem_limit',
  'cpus',
  'cpu_shares',
  'deploy',
  'extra_hosts',
  'dns',
  ...UNMAPPED_RESOURCE_KEYS,
]);

/** Why pond has no room for a Compose key it knows of; any other key gets a generic reason. */
const WHY: Record<string, string> = {
  container_name:
    'pond names containers itself (<project>-<workload>); other workloads reach this one by its workload name',
  networks: 'pond puts every workload on one project network, where each reaches the others by workload name',
  expose: "not needed: workloads reach each other's ports on the project network",
  links: 'workloads reach each other by workload name; depends_on gives the start order',
  external_links: "pond reaches only its own project's workloads by name",
  volumes_from: "name the volumes in this workload's own volumes",
  profiles: 'pond has no profiles: this workload is always part of the project (pond up NAME... brings up a subset)',
  privileged: 'pond does not run privileged containers',
  cap_add: 'pond sets no extra capabilities',
  cap_drop: 'pond drops no capabilities on a service',
  devices: 'pond passes no host devices',
  logging: "pond keeps the engine's log driver (pond logs reads it)",
  tty: 'pond never allocates a TTY',
  stdin_open: 'pond never attaches stdin',
  pull_policy: 'pond pulls only with pond pull',
  platform: "pond uses the engine's platform",
  extends: 'pond does not read other Compose files; merge them into this one first (docker compose config)',
};

/** One Compose service as a pond workload (`kind` left out: a plain service), with its notes. */
export function convertService(svc: Data, ctx: ServiceContext): { workload: Data; notes: ImportNote[] } {
  const notes = new Notes(ctx.name);
  const out: Data = { image: imageOf(svc, ctx, notes) };
  for (const key of ['command', 'entrypoint'] as const) convertArgv(svc, key, out, notes);
  convertEnv(svc, out, notes);
  convertEnvFile(svc, out, notes);
  convertPorts(svc, out, notes);
  convertMounts(svc, out, ctx, notes);
  convertHealth(svc, out, notes);
  convertDependsOn(svc, out, ctx, notes);
  convertRestart(svc, out, notes);
  convertResources(svc, out, notes);
  convertNetworkMode(svc, out, ctx, notes);
  for (const key of SAME) if (svc[key] !== undefined) out[key] = svc[key];
  convertHosts(svc, out);
  convertLabels(svc, out, notes);
  for (const key of Object.keys(svc)) {
    if (HANDLED.has(key)) continue;
    notes.skip(
      key,
      WHY[key] ?? (key.startsWith('x-') ? "x- extension keys are Compose's own" : 'pond has no such setting'),
    );
  }
  return { workload: out, notes: notes.list };
}

function imageOf(svc: Data, ctx: ServiceContext, notes: Notes): string {
  if (svc.build === undefined) return asString(svc.image ?? ctx.builtImage);
  const context = isMap(svc.build) ? asString(svc.build.context ?? '.') : asString(svc.build);
  if (svc.image !== undefined) {
    notes.skip(
      'build',
      `pond does not build images: build ${asString(svc.image)} first (docker compose build ${ctx.name})`,
      'image',
    );
    return asString(svc.image);
  }
  notes.skip(
    'build',
    `pond does not build images: this is the name docker compose build gives it; build it first (docker compose build ${ctx.name}, or docker build -t ${ctx.builtImage} ${context})`,
    'image',
  );
  return ctx.builtImage;
}

/** A string command is split like Compose splits it; pond would run a string through `sh -c`. */
function convertArgv(svc: Data, key: 'command' | 'entrypoint', out: Data, notes: Notes): void {
  const raw = svc[key];
  if (raw === undefined || raw === null) return;
  if (Array.isArray(raw)) {
    out[key] = raw.map(asString);
    return;
  }
  const words = splitArgs(asString(raw));
  if (words) out[key] = words;
  else notes.skip(key, 'its quotes do not close', key);
}

function convertHosts(svc: Data, out: Data): void {
  if (Array.isArray(svc.extra_hosts))
    out.extra_hosts = svc.extra_hosts.map((h) => asString(h).replace(/^([^:=\s]+)=/, '$1:'));
  else if (isMap(svc.extra_hosts))
    out.extra_hosts = Object.fromEntries(Object.entries(svc.extra_hosts).map(([k, v]) => [k, asString(v)]));
  if (svc.dns !== undefined) out.dns = (Array.isArray(svc.dns) ? svc.dns : [svc.dns]).map(asString);
}
