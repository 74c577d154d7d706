import type Dockerode from 'dockerode';
import type { TaskSpec, Hardening, HealthSpec, Mount, PortBinding, Probe, RuntimeSettings } from '../types.js';

const MS = 1_000_000;

/** What the engine's host offers, as far as a create body must respect it. */
export interface HostFacts {
  /** The host's CPU count: a CPU limit above it is lowered to it. */
  cpus?: number;
}

/**
 * Maps pond's ContainerSpec to the engine's create body. Pure. Invariants: Cmd/Entrypoint only when
 * given (else the image's apply); Env sorted so equal specs give equal bodies; aliases only on a real
 * network; an engine healthcheck only for exec probes (pond probes http/tcp/log itself, §6); a CPU
 * limit never above the host's CPUs (the desired state, and so the config hash, keeps what was asked);
 * Tty/OpenStdin only when the spec asks.
 */
export function toCreateOptions(spec: TaskSpec, host: HostFacts = {}): Dockerode.ContainerCreateOptions {
  const healthcheck = spec.health && toHealthcheck(spec.health);
  return {
    name: spec.name,
    Image: spec.image,
    ...(spec.command ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
    Env: Object.keys(spec.env)
      .sort()
      .map((k) => `${k}=${spec.env[k]}`),
    Labels: spec.labels,
    ExposedPorts: Object.fromEntries(spec.ports.map((p) => [portKey(p), {}])),
    StopTimeout: spec.stopTimeoutSec,
    ...(spec.user !== undefined ? { User: spec.user } : {}),
    ...toProcessConfig(spec),
    ...toStdio(spec),
    ...(healthcheck ? { Healthcheck: healthcheck } : {}),
    HostConfig: {
      PortBindings: toPortBindings(spec.ports),
      Mounts: spec.mounts.map(toMount),
      ...(spec.resources.memoryBytes !== undefined ? { Memory: spec.resources.memoryBytes } : {}),
      ...(spec.resources.cpus !== undefined ? { NanoCpus: nanoCpus(spec.resources.cpus, host.cpus) } : {}),
      ...(spec.resources.cpuShares !== undefined ? { CpuShares: spec.resources.cpuShares } : {}),
      ...toHardening(spec),
      ...toHostSettings(spec),
      RestartPolicy: { Name: spec.restart },
      Init: spec.init,
      NetworkMode: spec.network,
    },
    ...(isUserNetwork(spec.network)
      ? { NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } } }
      : {}),
  };
}

/** CPUs as the engine counts them (billionths), at most the host's count when that is known. */
export function nanoCpus(cpus: number, hostCpus?: number): number {
  const granted = hostCpus !== undefined && hostCpus > 0 ? Math.min(cpus, hostCpus) : cpus;
  return Math.round(granted * 1e9);
}

function toHardening(spec: Hardening): Partial<Dockerode.HostConfig> {
  return {
    ...(spec.readOnlyRootfs ? { ReadonlyRootfs: true } : {}),
    ...(spec.capDrop?.length ? { CapDrop: spec.capDrop } : {}),
    ...(spec.noNewPrivileges ? { SecurityOpt: ['no-new-privileges'] } : {}),
    ...(spec.pidsLimit !== undefined ? { PidsLimit: spec.pidsLimit } : {}),
  };
}

function toProcessConfig(spec: RuntimeSettings): Partial<Dockerode.ContainerCreateOptions> {
  return {
    ...(spec.workingDir !== undefined ? { WorkingDir: spec.workingDir } : {}),
    ...(spec.hostname !== undefined ? { Hostname: spec.hostname } : {}),
    ...(spec.stopSignal !== undefined ? { StopSignal: spec.stopSignal } : {}),
  };
}

/** Only a caller-attached container (a one-off run) asks for a TTY or an open stdin; others keep the body they always had. */
function toStdio(spec: Pick<TaskSpec, 'tty' | 'openStdin'>): Partial<Dockerode.ContainerCreateOptions> {
  if (!spec.tty && !spec.openStdin) return {};
  return {
    Tty: !!spec.tty,
    OpenStdin: !!spec.openStdin,
    StdinOnce: !!spec.openStdin,
    AttachStdin: !!spec.openStdin,
    AttachStdout: true,
    AttachStderr: true,
  };
}

function toHostSettings(spec: RuntimeSettings): Partial<Dockerode.HostConfig> {
  return {
    ...(spec.extraHosts?.length ? { ExtraHosts: spec.extraHosts } : {}),
    ...(spec.dns?.length ? { Dns: spec.dns } : {}),
    ...(spec.shmSizeBytes !== undefined ? { ShmSize: spec.shmSizeBytes } : {}),
    ...(spec.ulimits?.length
      ? { Ulimits: spec.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })) }
      : {}),
  };
}

function isUserNetwork(network: string): boolean {
  return (
    network !== 'none' &&
    network !== 'host' &&
    network !== 'bridge' &&
    network !== 'default' &&
    !network.startsWith('container:')
  );
}

function portKey(p: PortBinding): string {
  return `${p.container}/${p.protocol}`;
}

function toPortBindings(ports: PortBinding[]): Record<string, { HostIp: string; HostPort: string }[]> {
  const out: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    (out[portKey(p)] ??= []).push({ HostIp: p.hostIp, HostPort: p.host === undefined ? '' : String(p.host) });
  }
  return out;
}

function toMount(m: Mount): Dockerode.MountSettings {
  if (m.type === 'tmpfs') {
    return {
      Type: 'tmpfs',
      Source: '',
      Target: m.target,
      ...(m.sizeBytes !== undefined ? { TmpfsOptions: { SizeBytes: m.sizeBytes, Mode: 0o1777 } } : {}),
    };
  }
  return { Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly };
}

/**
 * The engine healthcheck for a spec, if any: an exec probe, or the only exec part of an `all`.
 * Times are nanoseconds.
 */
export function toHealthcheck(health: HealthSpec): Dockerode.HealthConfig | undefined {
  const execs = execParts(health.probe);
  const argv = execs.length === 1 ? execs[0] : undefined;
  if (!argv || argv.length === 0) return undefined;
  return {
    Test: execTest(argv),
    Interval: health.intervalMs * MS,
    Timeout: health.timeoutMs * MS,
    StartPeriod: health.startPeriodMs * MS,
    Retries: health.retries,
  };
}

/**
 * An exec probe is argv; a single element containing whitespace is a shell command line
 * ("pg_isready -h 127.0.0.1"), run through the shell (CMD-SHELL / `sh -c`).
 */
export function isShellCommand(argv: string[]): argv is [string] {
  return argv.length === 1 && /\s/.test(argv[0] ?? '');
}

function execTest(argv: string[]): string[] {
  return isShellCommand(argv) ? ['CMD-SHELL', argv[0]] : ['CMD', ...argv];
}

function execParts(probe: Probe): string[][] {
  if ('exec' in probe) return [probe.exec];
  if ('all' in probe) return probe.all.flatMap(execParts);
  return [];
}
