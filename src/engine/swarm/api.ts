/**
 * The parts of the Swarm API (Docker Engine API 1.41) that pond writes and reads: services, their
 * tasks and the nodes they run on. Times in specs are nanoseconds, as the engine counts them.
 */

/** On a service scaled to 0 by a stop: the exit code its last task ended with (Swarm deletes that task). */
export const EXIT_LABEL = 'dev.pond.exit-code';

export interface SwarmMount {
  Type: 'volume' | 'bind' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  VolumeOptions?: { Labels?: Record<string, string> };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface SwarmHealthcheck {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

export interface SwarmContainerSpec {
  Image: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  Init?: boolean;
  TTY?: boolean;
  OpenStdin?: boolean;
  Mounts?: SwarmMount[];
  StopSignal?: string;
  StopGracePeriod?: number;
  Healthcheck?: SwarmHealthcheck;
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[] };
  ReadOnly?: boolean;
  CapabilityDrop?: string[];
  Ulimits?: { Name: string; Soft: number; Hard: number }[];
  Secrets?: { File: { Name: string; UID: string; GID: string; Mode: number }; SecretID: string; SecretName: string }[];
  Configs?: { File: { Name: string; UID: string; GID: string; Mode: number }; ConfigID: string; ConfigName: string }[];
}

export interface SwarmRestartPolicy {
  Condition: 'none' | 'on-failure' | 'any';
  Delay?: number;
  MaxAttempts?: number;
  Window?: number;
}

export interface SwarmServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: SwarmContainerSpec;
    Resources?: {
      Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
    };
    RestartPolicy: SwarmRestartPolicy;
    Placement?: { Constraints?: string[] };
    Networks?: { Target: string; Aliases?: string[] }[];
    ForceUpdate?: number;
  };
  Mode: { Replicated: { Replicas: number } } | { ReplicatedJob: { MaxConcurrent: number; TotalCompletions: number } };
  UpdateConfig?: SwarmUpdateConfig;
  RollbackConfig?: SwarmUpdateConfig;
  EndpointSpec: {
    Mode: 'vip' | 'dnsrr';
    Ports?: { Protocol: 'tcp' | 'udp'; TargetPort: number; PublishedPort?: number; PublishMode: 'host' | 'ingress' }[];
  };
}

export interface SwarmUpdateConfig {
  Parallelism: number;
  Delay?: number;
  FailureAction?: 'pause' | 'continue' | 'rollback';
  Monitor?: number;
  Order: 'start-first' | 'stop-first';
}

export interface SwarmService {
  ID: string;
  Version: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec: SwarmServiceSpec;
  PreviousSpec?: SwarmServiceSpec;
  Endpoint?: { Ports?: { Protocol: string; TargetPort: number; PublishedPort?: number; PublishMode?: string }[] };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string };
  JobStatus?: { JobIteration?: { Index: number } };
}

/** Swarm's task states, in the order a task goes through them. */
export type SwarmTaskState =
  | 'new'
  | 'allocated'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned';

/** A task that has not ended yet: on its way to running, or running. Every other state is an end. */
export function isLiveTask(state: SwarmTaskState): boolean {
  return LIVE_TASK_STATES.has(state);
}

const LIVE_TASK_STATES = new Set<SwarmTaskState>([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
]);

export interface SwarmTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  Version?: { Index: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  DesiredState: SwarmTaskState;
  Spec?: { ContainerSpec?: { Image?: string } };
  JobIteration?: { Index: number };
  Status: {
    Timestamp?: string;
    State: SwarmTaskState;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number };
  };
}

export interface SwarmNode {
  ID: string;
  Description?: { Hostname?: string };
  Spec?: { Labels?: Record<string, string>; Availability?: string; Role?: string };
  Status?: { State?: string; Addr?: string };
}
