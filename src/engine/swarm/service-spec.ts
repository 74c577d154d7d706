import type { Mount, RestartPolicy, TaskSpec } from '../types.js';
import type { SwarmContainerSpec, SwarmMount, SwarmRestartPolicy, SwarmServiceSpec, SwarmUpdateConfig } from './api.js';
import { toSwarmHealthcheck } from './health-test.js';
import { NAME_LABEL, serviceName } from './service-name.js';

const SEC = 1_000_000_000;

/** What the backend decides beside the spec: the node a node-local volume pins it to. */
export interface Placing {
  /** `node.id==…` of the node holding its volume. */
  pinnedNode?: string;
  /** Each volume's labels (from its record), given to the node that creates it at first mount. */
  volumeLabels?: Record<string, Record<string, string>>;
  /** Read-only binds copied as Swarm configs: the mounts left, and the configs mounted. */
  files?: { mounts: Mount[]; refs: NonNullable<SwarmContainerSpec['Configs']> };
  /** Secret env moved into Swarm secrets: what replaces `env`, and the secrets mounted. */
  secrets?: { env: Record<string, string>; refs: NonNullable<SwarmContainerSpec['Secrets']> };
}

/**
 * A workload as a Swarm service. Pure. What `docker stack deploy` leaves to Swarm's defaults pond
 * sets explicitly: the restart policy (Swarm's default restarts forever, even a finished job), init,
 * a one-second restart delay, init as the spec says (desired state turns it on), rolling updates that roll back on failure, start-first unless the
 * workload mounts a node-local volume (two database servers on one data dir must never overlap), DNS
 * round robin (no IPVS needed), and only `public` ports published, in host mode (Swarm's ingress
 * binds every interface; 127.0.0.1 cannot be said).
 */
export function toServiceSpec(spec: TaskSpec, placing: Placing = {}): SwarmServiceSpec {
  const healthcheck = spec.health && toSwarmHealthcheck(spec.health);
  const constraints = [...(spec.placement ?? []), ...(placing.pinnedNode ? [`node.id==${placing.pinnedNode}`] : [])];
  const limits = {
    ...(spec.resources.cpus !== undefined ? { NanoCPUs: Math.round(spec.resources.cpus * 1e9) } : {}),
    ...(spec.resources.memoryBytes !== undefined ? { MemoryBytes: spec.resources.memoryBytes } : {}),
    ...(spec.pidsLimit !== undefined ? { Pids: spec.pidsLimit } : {}),
  };
  const update = updateConfig(spec.mounts, spec.restart);
  const env = placing.secrets?.env ?? spec.env;
  const name = serviceName(spec.name);
  return {
    Name: name,
    Labels: name === spec.name ? spec.labels : { ...spec.labels, [NAME_LABEL]: spec.name },
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        Labels: spec.labels,
        ...(spec.entrypoint ? { Command: spec.entrypoint } : {}),
        ...(spec.command ? { Args: spec.command } : {}),
        Env: Object.keys(env)
          .sort()
          .map((k) => `${k}=${env[k]}`),
        ...(placing.secrets?.refs.length ? { Secrets: placing.secrets.refs } : {}),
        ...(spec.workingDir !== undefined ? { Dir: spec.workingDir } : {}),
        ...(spec.hostname !== undefined ? { Hostname: spec.hostname } : {}),
        ...(spec.user !== undefined ? { User: spec.user } : {}),
        Init: spec.init,
        ...(spec.tty ? { TTY: true } : {}),
        ...(spec.openStdin ? { OpenStdin: true } : {}),
        Mounts: (placing.files?.mounts ?? spec.mounts).map((m) => toMount(m, placing.volumeLabels ?? {})),
        ...(placing.files?.refs.length ? { Configs: placing.files.refs } : {}),
        ...(spec.stopSignal !== undefined ? { StopSignal: spec.stopSignal } : {}),
        StopGracePeriod: spec.stopTimeoutSec * SEC,
        ...(healthcheck ? { Healthcheck: healthcheck } : {}),
        ...(spec.extraHosts?.length ? { Hosts: spec.extraHosts.map(hostLine) } : {}),
        ...(spec.dns?.length ? { DNSConfig: { Nameservers: spec.dns } } : {}),
        ...(spec.readOnlyRootfs ? { ReadOnly: true } : {}),
        ...(spec.capDrop?.length ? { CapabilityDrop: spec.capDrop } : {}),
        ...(spec.ulimits?.length
          ? { Ulimits: spec.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })) }
          : {}),
      },
      ...(Object.keys(limits).length ? { Resources: { Limits: limits } } : {}),
      RestartPolicy: restartPolicy(spec.restart),
      ...(constraints.length ? { Placement: { Constraints: constraints } } : {}),
      Networks: [{ Target: spec.network, Aliases: spec.aliases }],
    },
    Mode: { Replicated: { Replicas: spec.replicas ?? 1 } },
    UpdateConfig: update,
    RollbackConfig: update,
    EndpointSpec: {
      Mode: 'dnsrr',
      Ports: spec.ports
        .filter((p) => p.hostIp !== '127.0.0.1')
        .map((p) => ({
          Protocol: p.protocol,
          TargetPort: p.container,
          ...(p.host !== undefined ? { PublishedPort: p.host } : {}),
          PublishMode: 'host' as const,
        })),
    },
  };
}

/** A one-shot run: a replicated job of one task, never restarted (its rerun would redo its work). */
export function toJobSpec(spec: TaskSpec, placing: Placing = {}): SwarmServiceSpec {
  const service = toServiceSpec({ ...spec, restart: 'no' }, placing);
  return {
    ...service,
    Mode: { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } },
    UpdateConfig: undefined,
    RollbackConfig: undefined,
  };
}

export function restartPolicy(restart: RestartPolicy): SwarmRestartPolicy {
  const Condition = restart === 'no' ? 'none' : restart === 'on-failure' ? 'on-failure' : 'any';
  return { Condition, Delay: 1 * SEC, MaxAttempts: 0 };
}

/**
 * A one-shot (`restart: no`) ends on its own, which Swarm's update monitor would take for a failure
 * and roll back: it is replaced stop-first with no monitor, and pond judges it by its exit code.
 */
function updateConfig(mounts: Mount[], restart: RestartPolicy): SwarmUpdateConfig {
  if (restart === 'no') return { Parallelism: 1, Order: 'stop-first', FailureAction: 'continue' };
  const nodeLocal = mounts.some((m) => m.type === 'volume');
  return {
    Parallelism: 1,
    Order: nodeLocal ? 'stop-first' : 'start-first',
    FailureAction: 'rollback',
    Monitor: 5 * SEC,
  };
}

function toMount(m: Mount, volumeLabels: Record<string, Record<string, string>>): SwarmMount {
  if (m.type === 'tmpfs')
    return {
      Type: 'tmpfs',
      Target: m.target,
      ...(m.sizeBytes !== undefined ? { TmpfsOptions: { SizeBytes: m.sizeBytes } } : {}),
    };
  if (m.type === 'bind') return { Type: 'bind', Source: m.source, Target: m.target, ReadOnly: m.readOnly };
  const labels = volumeLabels[m.source];
  return {
    Type: 'volume',
    Source: m.source,
    Target: m.target,
    ReadOnly: m.readOnly,
    ...(labels ? { VolumeOptions: { Labels: labels } } : {}),
  };
}

/** pond writes "name:ip" (compose's extra_hosts); a service's Hosts are /etc/hosts lines, "ip name". */
function hostLine(entry: string): string {
  const at = entry.indexOf(':');
  return at < 0 ? entry : `${entry.slice(at + 1)} ${entry.slice(0, at)}`;
}
