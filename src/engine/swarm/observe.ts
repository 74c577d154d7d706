import { LABEL } from '../../labels.js';
import type { InstanceState, ObservedInstance, ObservedState, ObservedWorkload } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { classify } from '../docker/errors.js';
import { EXIT_LABEL, type SwarmNode, type SwarmService, type SwarmTask, type SwarmTaskState } from './api.js';
import { listNetworks } from './networks.js';
import { pondName } from './service-name.js';
import { IMAGE_LABEL } from './publish.js';
import { listVolumeRecords } from './volumes.js';
import { byText } from '../../canonical.js';

/**
 * Everything the project owns on the swarm: its services with their tasks (runs among them, as the
 * Docker backend shows run containers: concurrency, `pond runs` and the reaping of abandoned runs
 * read them), networks and volume records.
 */
export async function observe(conn: Connection, project: string): Promise<ObservedState> {
  try {
    const [services, networks, volumes] = await Promise.all([
      listServices(conn, { label: [`${LABEL.project}=${project}`] }),
      listNetworks(conn, project),
      listVolumeRecords(conn, project),
    ]);
    const { tasks, nodes } = await tasksAndNodes(conn, services);
    return {
      workloads: services.map((s) => toObserved(s, tasks, nodes)),
      networks,
      volumes: volumes.map((v) => ({ name: v.name, labels: v.labels })),
    };
  } catch (err) {
    throw classify(err, conn.endpoint, `observe project ${project}`);
  }
}

export function listServices(conn: Connection, filters: Record<string, string[]>): Promise<SwarmService[]> {
  return conn.getJson<SwarmService[]>(`/services?${filtersQuery(filters)}`);
}

/** The tasks of these services and every node (for its hostname and whether it is up). */
export async function tasksAndNodes(
  conn: Connection,
  services: SwarmService[],
): Promise<{ tasks: SwarmTask[]; nodes: SwarmNode[] }> {
  if (services.length === 0) return { tasks: [], nodes: [] };
  const [tasks, nodes] = await Promise.all([
    conn.getJson<SwarmTask[]>(`/tasks?${filtersQuery({ service: services.map((s) => s.ID) })}`),
    conn.getJson<SwarmNode[]>('/nodes'),
  ]);
  return { tasks, nodes };
}

/** How many tasks the service should run now: its replicas, 0 once stopped; a job's one completion. */
export function desiredReplicas(s: SwarmService): number {
  const mode = s.Spec.Mode;
  return 'Replicated' in mode ? mode.Replicated.Replicas : mode.ReplicatedJob.TotalCompletions;
}

/**
 * A service in pond's terms. Its instances are the tasks Swarm wants running (or, for a finished
 * one-shot, its last task); the workload runs when every wanted replica runs, and reads `exited` with
 * the last exit code when none is wanted (stopped) or its one-shot task finished.
 */
export function toObserved(s: SwarmService, allTasks: SwarmTask[], nodes: SwarmNode[]): ObservedWorkload {
  const tasks = allTasks.filter((t) => t.ServiceID === s.ID).sort(newestFirst);
  const current = currentTasks(tasks);
  const hostname = (id?: string) => nodes.find((n) => n.ID === id)?.Description?.Hostname ?? id;
  const hasHealth = !!s.Spec.TaskTemplate.ContainerSpec.Healthcheck;
  const instances = current.map((t) => toInstance(t, hasHealth, hostname(t.NodeID)));
  const want = desiredReplicas(s);
  const finished = tasks.find((t) => isFinal(t.Status.State));
  const recorded = want === 0 ? Number(s.Spec.Labels[EXIT_LABEL]) : NaN;
  const exitCode = finished?.Status.ContainerStatus?.ExitCode ?? (Number.isInteger(recorded) ? recorded : undefined);
  const state = workloadState(want, instances, tasks);
  const running = instances.filter((i) => i.state === 'running');
  const health = hasHealth ? workloadHealth(instances) : undefined;
  const startedAt = running
    .map((i) => i.startedAt)
    .filter((x): x is string => !!x)
    .sort()[0];
  const ports = (s.Endpoint?.Ports ?? [])
    .filter((p) => p.PublishedPort !== undefined)
    .map((p) => ({ container: p.TargetPort, host: p.PublishedPort ?? 0, hostIp: '0.0.0.0', protocol: p.Protocol }));
  return {
    id: s.ID,
    version: String(s.Version.Index),
    instances,
    name: pondName(s.Spec),
    labels: s.Spec.Labels ?? {},
    state,
    ...(health ? { health } : {}),
    ...(state !== 'running' && exitCode !== undefined ? { exitCode } : {}),
    ...(s.Spec.TaskTemplate.Resources?.Limits?.MemoryBytes
      ? { memoryLimitBytes: s.Spec.TaskTemplate.Resources.Limits.MemoryBytes }
      : {}),
    image: s.Spec.Labels?.[IMAGE_LABEL] ?? s.Spec.TaskTemplate.ContainerSpec.Image.replace(/@sha256:[0-9a-f]+$/, ''),
    ...(startedAt ? { startedAt } : {}),
    restartCount: tasks.filter((t) => t.Status.State === 'failed').length,
    ports,
  };
}

/** The newest task of each slot that Swarm still wants, else the newest task of all (a finished run). */
function currentTasks(tasks: SwarmTask[]): SwarmTask[] {
  const wanted = tasks.filter((t) => t.DesiredState === 'running' || t.DesiredState === 'ready');
  const bySlot = new Map<string, SwarmTask>();
  for (const t of wanted) {
    const key = t.Slot !== undefined ? `slot ${t.Slot}` : `node ${t.NodeID ?? t.ID}`;
    if (!bySlot.has(key)) bySlot.set(key, t);
  }
  if (bySlot.size) return [...bySlot.values()];
  const complete = tasks.find((t) => t.DesiredState === 'complete' || isFinal(t.Status.State));
  return complete ? [complete] : [];
}

function toInstance(t: SwarmTask, hasHealth: boolean, node: string | undefined): ObservedInstance {
  const state = instanceState(t.Status.State);
  const exitCode = t.Status.ContainerStatus?.ExitCode;
  return {
    id: t.ID,
    ...(node ? { node } : {}),
    state,
    ...(hasHealth && state === 'running' ? { health: 'healthy' as const } : {}),
    ...(hasHealth && t.Status.State === 'starting' ? { health: 'starting' as const } : {}),
    ...(state === 'exited' && exitCode !== undefined ? { exitCode } : {}),
    ...(state === 'running' && t.Status.Timestamp ? { startedAt: t.Status.Timestamp } : {}),
    ...(state !== 'running' && (t.Status.Err || t.Status.Message) ? { message: t.Status.Err || t.Status.Message } : {}),
  };
}

/** Swarm holds a task with a health check in `starting` until it passes: running means healthy. */
export function instanceState(s: SwarmTaskState): InstanceState {
  if (s === 'running') return 'running';
  if (s === 'complete' || s === 'failed' || s === 'rejected' || s === 'shutdown' || s === 'orphaned') return 'exited';
  if (s === 'remove') return 'removing';
  return 'created';
}

function workloadState(want: number, instances: ObservedInstance[], tasks: SwarmTask[]): InstanceState {
  if (want === 0) return 'exited';
  const running = instances.filter((i) => i.state === 'running').length;
  if (running > 0 && running >= Math.min(want, instances.length)) return 'running';
  if (instances.length > 0 && instances.every((i) => i.state === 'exited')) return 'exited';
  if (tasks.some((t) => t.Status.State === 'failed')) return 'restarting';
  return running > 0 ? 'running' : 'created';
}

function workloadHealth(instances: ObservedInstance[]): ObservedWorkload['health'] {
  if (instances.some((i) => i.health === 'starting')) return 'starting';
  if (instances.length && instances.every((i) => i.health === 'healthy')) return 'healthy';
  return undefined;
}

function isFinal(s: SwarmTaskState): boolean {
  return s === 'complete' || s === 'failed' || s === 'rejected' || s === 'shutdown';
}

function newestFirst(a: SwarmTask, b: SwarmTask): number {
  return (b.Version?.Index ?? 0) - (a.Version?.Index ?? 0) || byText(b.CreatedAt ?? '', a.CreatedAt ?? '');
}
