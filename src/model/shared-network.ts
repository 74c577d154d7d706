import { didYouMean } from '../config/suggest.js';
import type { Reporter } from './report.js';
import type { SharedNetwork, WorkloadSpec } from './types.js';

const PREFIX = 'workload:';

/** What the network check must know of a workload's kind: the kind registry answers, so the model names no kind. */
export interface NetworkTraits {
  /** The kind publishes its own server port (a database's, a notebook's). */
  publishesPort: boolean;
  /** Set when the workload has no standing container between runs: what it is ("a query") and what to do instead. */
  transient?: { what: string; hint: string };
}

/** The workload whose network namespace `network:` joins, if it names one. */
export function sharedNetworkOf(network: WorkloadSpec['network']): string | undefined {
  return network.startsWith(PREFIX) ? network.slice(PREFIX.length) : undefined;
}

export function isSharedNetwork(network: string): network is SharedNetwork {
  return network.startsWith(PREFIX);
}

/**
 * `network: workload:NAME` joins NAME's network namespace, as docker's `container:<name>` does. What
 * docker would refuse at create or start is refused here, at the user's line: a NAME that is not
 * another workload with a standing container (a query or a scheduled bot has none between runs), and
 * the settings that belong to NAME's namespace (published ports, hostname, dns, extra_hosts). The
 * joiner starts after NAME: the dependency is added as `started` unless one is already declared. A
 * NAME in `leftOut` (a workload already refused) is not reported again.
 */
export function checkSharedNetworks(
  workloads: WorkloadSpec[],
  report: Reporter,
  traits: (w: WorkloadSpec) => NetworkTraits,
  leftOut: ReadonlySet<string> = new Set(),
): void {
  const byName = new Map(workloads.map((w) => [w.name, w]));
  for (const w of workloads) {
    const target = sharedNetworkOf(w.network);
    if (target === undefined) continue;
    const at = ['workloads', w.name];
    const other = byName.get(target);
    const problem =
      other || !leftOut.has(target) ? targetProblem(w, target, other && traits(other), [...byName.keys()]) : undefined;
    if (problem) report.error([...at, 'network'], 'shared-network', problem.message, problem.hint);
    for (const p of namespaceConflicts(w, traits(w)))
      report.error(
        [...at, p.key],
        'shared-network',
        p.message,
        `set it on "${target}", whose network namespace "${w.name}" shares`,
      );
    if (other?.network === 'host' && !w.unsafe?.includes('host-network')) {
      report.error(
        [...at, 'network'],
        'unsafe',
        `"${target}" uses the host's network, so joining it is host networking too`,
        'if you mean it, add `unsafe: [host-network]` to this workload',
      );
    }
    if (!problem && w.dependsOn[target] === undefined) w.dependsOn[target] = 'started';
  }
}

function targetProblem(
  w: WorkloadSpec,
  target: string,
  other: NetworkTraits | undefined,
  names: string[],
): { message: string; hint: string } | undefined {
  if (target === w.name)
    return {
      message: `"${w.name}" cannot share its own network`,
      hint: 'name another workload, or use network: default',
    };
  if (!other) {
    const close = didYouMean(
      target,
      names.filter((n) => n !== w.name),
    );
    return {
      message: `network: workload:${target} names no workload of this project`,
      hint: close ? `did you mean "workload:${close}"?` : `workloads: ${names.join(', ')}`,
    };
  }
  if (other.transient)
    return {
      message: `"${target}" is ${other.transient.what}: it has no standing container whose network could be shared`,
      hint: other.transient.hint,
    };
  return undefined;
}

/** Settings docker refuses next to a `container:` network mode, each at its own key. */
function namespaceConflicts(w: WorkloadSpec, traits: NetworkTraits): { key: string; message: string }[] {
  const out: { key: string; message: string }[] = [];
  if (w.ports.length) {
    out.push(
      traits.publishesPort
        ? { key: 'network', message: `a ${w.kind} publishes its port, so it cannot share another workload's network` }
        : { key: 'ports', message: "a workload that shares another's network cannot publish ports" },
    );
  }
  if (w.settings?.hostname !== undefined)
    out.push({ key: 'hostname', message: "a workload that shares another's network has that workload's hostname" });
  if (w.settings?.dns?.length)
    out.push({ key: 'dns', message: "a workload that shares another's network uses that workload's dns" });
  if (w.settings?.extraHosts?.length)
    out.push({
      key: 'extra_hosts',
      message: "a workload that shares another's network uses that workload's /etc/hosts",
    });
  return out;
}
