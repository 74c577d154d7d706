import type { LoadedConfig } from '../config/types.js';
import type { EngineCapabilities } from '../engine/types.js';
import { ConfigError, type Diagnostic } from '../errors.js';
import type { ProjectSpec, WorkloadSpec } from '../model/types.js';
import { Reporter } from '../model/report.js';
import { kindNeeds } from '../workloads/kind-hooks.js';
import { kindOf } from '../workloads/registry.js';

/** The backend a project is checked against: its name (for messages) and what it can do. */
export interface Backend {
  name: string;
  capabilities: EngineCapabilities;
}

/** `what` is the subject and its verb ("ports need"), `capability` what the backend lacks; `warn`: it still runs. */
type Need = { key: string; code: string; what: string; capability: string; hint: string; warn?: boolean };

/**
 * What each workload asks of the backend that a backend may lack, placed at the pond.yaml key that
 * asks for it: errors for what cannot work there, warnings for what works another way. Pure: the
 * spec and a capability set in, located diagnostics out (none for Docker unless `replicas:` or
 * `placement:` is written).
 */
export function capabilityDiagnostics(
  spec: ProjectSpec,
  backend: Backend,
  config: Pick<LoadedConfig, 'locate'>,
): Diagnostic[] {
  const report = new Reporter(config);
  for (const w of spec.workloads) {
    for (const need of needsOf(w, backend.capabilities)) {
      const say = need.warn ? report.warn.bind(report) : report.error.bind(report);
      say(
        ['workloads', w.name, need.key],
        need.code,
        `workload ${w.name}: ${need.what} ${need.capability}, which the ${backend.name} backend cannot do`,
        need.hint,
      );
    }
  }
  if (!backend.capabilities.localPorts) privatePorts(spec, backend.name, report);
  if (spec.registry !== undefined && !backend.capabilities.registry)
    report.warn(
      ['registry'],
      'backend-registry',
      `registry: ${spec.registry} changes nothing on the ${backend.name} backend: its containers run the engine's own images`,
      'it is for a cluster (`--engine swarm`), which pushes local images there and runs them by digest',
    );
  return report.diagnostics;
}

/**
 * Throws the located errors (exit 3, nothing touched) when the backend cannot run the project;
 * otherwise returns its warnings (what runs another way there) for the caller to print.
 */
export function refuseUnsupported(
  spec: ProjectSpec,
  backend: Backend,
  config: Pick<LoadedConfig, 'locate'>,
): Diagnostic[] {
  const found = capabilityDiagnostics(spec, backend, config);
  if (found.some((d) => d.severity === 'error')) throw new ConfigError(found);
  return found;
}

/** The key a workload's ports are written under: `port` for a kind that publishes one, else `ports`. */
const portsKey = (w: WorkloadSpec): string => (kindOf(w.kind).publishesPort ? 'port' : 'ports');

/**
 * Ports bound to one address (127.0.0.1 unless `public: true`) have no such address on a cluster: they stay unpublished and
 * `pond port-forward` reaches them. One warning for the whole project, at the first such port.
 */
function privatePorts(spec: ProjectSpec, backend: string, report: Reporter): void {
  const holders = spec.workloads.filter((w) => w.ports.some((p) => p.hostIp !== '0.0.0.0'));
  const first = holders[0];
  if (!first) return;
  const names = holders.map((w) => w.name).join(', ');
  report.warn(
    ['workloads', first.name, portsKey(first)],
    'backend-private-ports',
    `private ports (of ${names}) are not published by the ${backend} backend: \`pond port-forward\` reaches them`,
    'mark a port `public: true` to publish it on its node (host mode)',
  );
}

function needsOf(w: WorkloadSpec, caps: EngineCapabilities): Need[] {
  const needs: Need[] = [];
  // A read-only bind is a copy of project files, which a cluster ships to the task (Swarm configs);
  // pond's own files are baked into the image, and a run's result folder comes back with the run.
  const bind = w.mounts.find((m) => m.type === 'bind' && !(m.readOnly && caps.readOnlyFiles) && !carried(m, caps));
  if (bind?.type === 'bind' && !caps.bindMounts) {
    needs.push({
      key: 'volumes',
      code: 'backend-bind-mounts',
      what: `a writable host folder (${bind.source} → ${bind.target}) needs`,
      capability: "mounting paths of pond's machine on every node",
      hint: 'mount it read-only (`:ro`: its files are copied to the task), use a named volume, or use the docker backend',
    });
  }
  if (w.network !== 'default' && !caps.networkModes && !(w.network === 'none' && caps.noNetwork)) {
    needs.push({
      key: 'network',
      code: 'backend-network-mode',
      what: `network: ${w.network} needs`,
      capability: 'a network mode other than the project network',
      hint: 'write `network: default` or `network: none`, or use the docker backend',
    });
  }
  if (!caps.replicas) needs.push(...copies(w));
  for (const n of kindNeeds(w).filter((k) => !caps[k.capability]))
    needs.push({
      key: n.key,
      code: n.code,
      what: n.what,
      capability: n.words,
      hint: n.hint,
      ...(n.optimisation && { warn: true }),
    });
  return needs;
}

function carried(m: WorkloadSpec['mounts'][number], caps: EngineCapabilities): boolean {
  if (m.type !== 'bind') return false;
  return m.carry === 'baked' || (m.carry === 'collected' && caps.runResults);
}

/** `replicas:` other than one and `placement:` mean a cluster: a one-machine backend runs one copy, here. */
function copies(w: WorkloadSpec): Need[] {
  const needs: Need[] = [];
  if (w.replicas !== undefined && w.replicas !== 1)
    needs.push({
      key: 'replicas',
      code: 'backend-replicas',
      what: `replicas: ${w.replicas} needs`,
      capability: 'a number of copies other than one',
      hint: 'drop replicas: (one machine runs one copy), or use --engine swarm',
    });
  if (w.placement)
    needs.push({
      key: 'placement',
      code: 'backend-placement',
      what: 'placement: needs',
      capability: 'choosing the node a workload runs on',
      hint: 'drop placement: (one machine has one node), or use --engine swarm',
    });
  return needs;
}
