import type { TaskSpec } from '../engine/types.js';
import type { SplitEnv } from './secret-env.js';
import { cpuQuantity, memoryQuantity } from './quantities.js';

/** The Secret a workload's secret env lives in: `<name>-env`, one key per variable. */
export const secretName = (name: string): string => `${name}-env`;

/**
 * One TaskSpec as a container: image, command, env (secret values by reference only), ports and
 * resources. Docker's entrypoint/cmd are Kubernetes' command/args. Memory is a limit and a request
 * (what the scheduler reserves), cpus a limit, cpu_shares a request (1024 shares = one CPU).
 */
export function containerOf(name: string, task: TaskSpec, env: SplitEnv): Record<string, unknown> {
  const vars = [
    ...env.plain.map(([k, value]) => ({ name: k, value })),
    ...env.secret.map(([k]) => ({ name: k, valueFrom: { secretKeyRef: { name: secretName(name), key: k } } })),
  ].sort((a, b) => (a.name < b.name ? -1 : 1));
  const resources = resourcesOf(task);
  const security = securityOf(task);
  return {
    name,
    image: task.image,
    ...(task.entrypoint && { command: task.entrypoint.map(literal) }),
    ...(task.command && { args: task.command.map(literal) }),
    ...(task.workingDir && { workingDir: task.workingDir }),
    ...(vars.length && { env: vars }),
    ...(task.ports.length && { ports: containerPorts(task) }),
    ...(resources && { resources }),
    ...(security && { securityContext: security }),
  };
}

/**
 * Each container port once: two host ports onto one container port (`8080:80`, `8081:80`) are one port
 * in the cluster, and a Service built from a repeated one is refused as a duplicate.
 */
function containerPorts(task: TaskSpec): { containerPort: number; protocol: string }[] {
  const seen = new Set<string>();
  return task.ports
    .map((p) => ({ containerPort: p.container, protocol: p.protocol.toUpperCase() }))
    .filter((p) => !seen.has(`${p.containerPort}/${p.protocol}`) && seen.add(`${p.containerPort}/${p.protocol}`));
}

/** Hardening and `user:` as a securityContext; a user given by name has no numeric id to write. */
function securityOf(task: TaskSpec): Record<string, unknown> | undefined {
  const [uid, gid] = (task.user ?? '').split(':');
  const ctx = {
    ...(task.readOnlyRootfs && { readOnlyRootFilesystem: true }),
    ...(task.noNewPrivileges && { allowPrivilegeEscalation: false }),
    ...(task.capDrop?.length && { capabilities: { drop: task.capDrop } }),
    ...(uid && /^\d+$/.test(uid) && { runAsUser: Number(uid) }),
    ...(gid && /^\d+$/.test(gid) && { runAsGroup: Number(gid) }),
  };
  return Object.keys(ctx).length ? ctx : undefined;
}

/** Settings a container has that no Kubernetes field carries: named in a warning, not dropped silently. */
export function unexportedSettings(task: TaskSpec): string[] {
  const user = task.user && !/^\d+(:\d+)?$/.test(task.user) ? [`user ${task.user} (only numeric ids)`] : [];
  return [
    ...user,
    ...(task.pidsLimit ? ['pids_limit'] : []),
    ...(task.dns?.length ? ['dns'] : []),
    ...(task.ulimits?.length ? ['ulimits'] : []),
    ...(task.stopSignal ? ['stop_signal'] : []),
    ...(task.shmSizeBytes ? ['shm_size'] : []),
  ];
}

/** Kubernetes expands `$(NAME)` in command and args; `$$(` keeps a shell's `$(...)` as written. */
function literal(arg: string): string {
  return arg.replace(/\$\(/g, '$$$$(');
}

function resourcesOf(task: TaskSpec): Record<string, unknown> | undefined {
  const { memoryBytes, cpus, cpuShares } = task.resources;
  const limits = {
    ...(memoryBytes && { memory: memoryQuantity(memoryBytes) }),
    ...(cpus && { cpu: cpuQuantity(cpus) }),
  };
  const requests = {
    ...(memoryBytes && { memory: memoryQuantity(memoryBytes) }),
    ...(cpuShares && { cpu: cpuQuantity(Math.min(cpuShares / 1024, cpus ?? Infinity)) }),
  };
  if (!Object.keys(limits).length && !Object.keys(requests).length) return undefined;
  return { ...(Object.keys(limits).length && { limits }), ...(Object.keys(requests).length && { requests }) };
}
