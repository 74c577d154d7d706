import type { TaskSpec } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import { containerOf, unexportedSettings } from './container.js';
import { podMounts, type PodMounts } from './mounts.js';
import { probesOf } from './probes.js';
import type { SplitEnv } from './secret-env.js';

/** A workload's pod template, and what of pond's spec it could not carry. */
export interface Pod {
  spec: Record<string, unknown>;
  mounts: PodMounts;
  /** Human words for what was left out (empty volumes, probes, settings): annotation and warning. */
  lost: string[];
}

/** What the pod is built from: the model's workload (mounts, kind), its TaskSpec (the process) and its env. */
export interface PodInput {
  w: WorkloadSpec;
  task: TaskSpec;
  name: string;
  env: SplitEnv;
  projectDir: string;
  /** Runs to completion: probes make no sense there, and the kubelet must not restart it in place. */
  run: boolean;
}

/** One workload's pod: one container, its volumes, pond's stop timeout as the grace period. */
export function podOf(input: PodInput): Pod {
  const { w, task, name } = input;
  const mounts = podMounts(w.mounts, { projectDir: input.projectDir, name, templates: w.kind === 'database' });
  const { probes, dropped } = input.run ? { probes: {}, dropped: [] } : probesOf(task.health);
  const container = {
    ...containerOf(name, task, input.env),
    ...probes,
    ...(mounts.volumeMounts.length && { volumeMounts: mounts.volumeMounts }),
  };
  const spec = {
    ...(task.network === 'host' && { hostNetwork: true }),
    ...(task.hostname && { hostname: task.hostname }),
    ...(task.extraHosts?.length && { hostAliases: hostAliases(task.extraHosts) }),
    terminationGracePeriodSeconds: task.stopTimeoutSec,
    containers: [container],
    ...(mounts.volumes.length && { volumes: mounts.volumes }),
  };
  const lost = [
    ...emptyVolumes(mounts.placeholders),
    ...dropped.map((d) => `readiness ${d}`),
    ...settingsLine(unexportedSettings(task)),
    ...(w.bot?.results ? [`results: ${w.bot.results} (nothing copies a file out of a finished pod)`] : []),
  ];
  return { spec, mounts, lost };
}

function hostAliases(entries: string[]): { ip: string; hostnames: string[] }[] {
  const byIp = new Map<string, string[]>();
  for (const e of entries) {
    const at = e.indexOf(':');
    const [host, ip] = [e.slice(0, at), e.slice(at + 1)];
    byIp.set(ip, [...(byIp.get(ip) ?? []), host]);
  }
  return [...byIp].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ip, hostnames]) => ({ ip, hostnames }));
}

/** One line per reason: a query's five runner mounts are one thing to fix, not five. */
function emptyVolumes(placeholders: PodMounts['placeholders']): string[] {
  const reasons = [...new Set(placeholders.map((p) => p.reason))];
  return reasons.map((reason) => {
    const mounts = placeholders.filter((p) => p.reason === reason).map((p) => p.mount);
    const one = mounts.length === 1;
    return `${one ? 'a bind' : 'binds'} (${reason}) left as ${one ? 'an empty volume' : 'empty volumes'}: ${mounts.join(', ')}`;
  });
}

function settingsLine(settings: string[]): string[] {
  return settings.length ? [`no Kubernetes field for ${settings.join(', ')}`] : [];
}
