import type { TaskSpec, Mount } from '../engine/types.js';
import type { Graph } from '../graph/graph.js';
import type { ProjectSpec, WorkloadSpec } from '../model/types.js';
import { canonicalJson, sha256 } from '../canonical.js';
import { displaySpec } from './display.js';
import { containerName, LABEL, networkName, POND_VERSION, volumeName } from '../labels.js';
import { risksOf } from './risks.js';
import { sharedNetworkOf } from '../model/shared-network.js';
import type { DesiredContainer, DesiredState, DesiredVolume } from './types.js';
import { kindLifecycle } from '../workloads/kind-hooks.js';

/**
 * ProjectSpec → DesiredState: final engine names, pond's labels, config hashes. Pure: the same spec
 * always gives a byte-identical state.
 */
export function buildDesired(
  spec: ProjectSpec,
  graph: Graph,
  identity: { id: string; dir: string } = { id: '', dir: spec.dir },
): DesiredState {
  const project = spec.name;
  const owner = ownerLabels(project, identity);
  const needsNetwork = spec.workloads.some((w) => w.network === 'default');
  const volumes: DesiredVolume[] = spec.volumes
    .filter((v) => !v.external)
    .map((v) => ({
      key: v.name,
      name: volumeName(project, v.name),
      labels: { ...v.labels, ...owner, [LABEL.volume]: v.name, [LABEL.version]: POND_VERSION },
    }));
  const external = new Set(spec.volumes.filter((v) => v.external).map((v) => v.name));
  const byName = new Map(spec.workloads.map((w) => [w.name, w]));
  const built = new Map<string, DesiredContainer>();
  const build = (w: WorkloadSpec, visiting: string[] = []): DesiredContainer => {
    const done = built.get(w.name);
    if (done) return done;
    const peer = byName.get(sharedNetworkOf(w.network) ?? '');
    const peerHash = peer && !visiting.includes(peer.name) ? build(peer, [...visiting, w.name]).hash : undefined;
    const c = desiredContainer(project, w, external, spec.secretValues, owner, peerHash);
    built.set(w.name, c);
    return c;
  };
  const containers = spec.workloads.map((w) => build(w));
  return {
    project,
    networks: needsNetwork
      ? [
          {
            name: networkName(project),
            labels: { ...owner, [LABEL.network]: 'default', [LABEL.version]: POND_VERSION },
          },
        ]
      : [],
    volumes,
    containers,
    order: graph.order,
  };
}

/** The labels that say whose an object is; an empty id (unit tests) leaves the identity out. */
function ownerLabels(project: string, identity: { id: string; dir: string }): Record<string, string> {
  return { [LABEL.project]: project, ...(identity.id && { [LABEL.identity]: identity.id, [LABEL.dir]: identity.dir }) };
}

/** Docker's network mode for a workload: its project network, another's namespace, none or host. */
function networkMode(project: string, w: WorkloadSpec): string {
  if (w.network === 'default') return networkName(project);
  const peer = sharedNetworkOf(w.network);
  return peer === undefined ? w.network : `container:${containerName(project, peer)}`;
}

/**
 * `labels` with the spec label, the display spec as canonical JSON, written when first read: only a
 * create reads it (a no-op compares config hashes), and writing it was half of each workload's
 * canonical JSON on every command. It reads like any other label (spread, JSON, Object.entries).
 */
function withSpecLabel(labels: Record<string, string>, display: Record<string, unknown>): Record<string, string> {
  let text: string | undefined;
  return Object.defineProperty(labels, LABEL.spec, {
    get: () => (text ??= canonicalJson(display)),
    enumerable: true,
    configurable: true,
  });
}

/**
 * `networkPeerHash`: the config hash of the workload whose network `w` joins, made part of `w`'s own
 * hash. Docker binds a joiner to the container it found at create time, so a replaced target must
 * replace its joiners too.
 */
function desiredContainer(
  project: string,
  w: WorkloadSpec,
  external: Set<string>,
  secrets: string[],
  owner: Record<string, string>,
  networkPeerHash?: string,
): DesiredContainer {
  const base: TaskSpec = {
    name: containerName(project, w.name),
    image: w.image,
    ...(w.command && { command: w.command }),
    ...(w.entrypoint && { entrypoint: w.entrypoint }),
    env: w.env,
    ports: w.ports,
    mounts: w.mounts.map((m): Mount =>
      m.type === 'volume' ? { ...m, source: external.has(m.source) ? m.source : volumeName(project, m.source) } : m,
    ),
    resources: w.resources,
    network: networkMode(project, w),
    aliases: w.network === 'default' ? [w.name] : [],
    ...(w.health && { health: w.health }),
    restart: w.restart,
    init: w.init,
    ...(w.user !== undefined && { user: w.user }),
    stopTimeoutSec: w.stopTimeoutSec,
    labels: w.labels,
    ...w.hardening,
    ...w.settings,
    ...(w.replicas !== undefined && { replicas: w.replicas }),
    ...(w.placement && { placement: w.placement }),
  };
  // How a bind reaches a cluster task changes nothing on one machine: it stays out of the hash.
  const hashed = { ...base, mounts: base.mounts.map(withoutCarry) };
  const hash = sha256(canonicalJson(networkPeerHash === undefined ? hashed : { ...hashed, networkPeerHash }));
  const sensitive = w.sensitive.filter((k) => k in w.env).sort();
  const display = displaySpec(w, secrets);
  const labels = withSpecLabel(
    { ...w.labels, ...owner, [LABEL.workload]: w.name, [LABEL.kind]: w.kind, [LABEL.configHash]: hash },
    display,
  );
  labels[LABEL.version] = POND_VERSION;
  const peer = sharedNetworkOf(w.network);
  const life = kindLifecycle(w);
  const initOnly = life.initOnly && { ...life.initOnly, volume: volumeName(project, life.initOnly.volume) };
  return {
    workload: w.name,
    spec: { ...base, labels, ...(sensitive.length && { sensitiveEnv: sensitive }) },
    hash,
    display,
    dependsOn: w.dependsOn,
    ...(peer !== undefined && { sharesNetworkOf: peer }),
    risks: risksOf(w),
    ...(w.health && { health: w.health }),
    ...(initOnly && { initOnly }),
    ...(life.data && { data: life.data }),
    ...(life.job && { job: life.job }),
    ...(life.settles && { settles: true }),
    ...(w.resourceDefaults && { resourceDefaults: w.resourceDefaults }),
  };
}

function withoutCarry(m: Mount): Mount {
  if (m.type !== 'bind' || m.carry === undefined) return m;
  const { carry: _carry, ...rest } = m;
  return rest;
}
