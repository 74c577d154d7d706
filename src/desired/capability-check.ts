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

/** `what` is the subject and its verb ("ports need"), `capability` what the backend lacks. */
type Need = { key: string; code: string; what: string; capability: string; hint: string };

/**
 * What each workload asks of the backend that a backend may lack, placed at the pond.yaml key that
 * asks for it. Pure: the spec and a capability set in, located errors out (none for Docker).
 */
export function capabilityDiagnostics(
  spec: ProjectSpec,
  backend: Backend,
  config: Pick<LoadedConfig, 'locate'>,
): Diagnostic[] {
  const report = new Reporter(config);
  for (const w of spec.workloads) {
    for (const need of needsOf(w, backend.capabilities)) {
      report.error(
        ['workloads', w.name, need.key],
        need.code,
        `workload ${w.name}: ${need.what} ${need.capability}, which the ${backend.name} backend cannot do`,
        need.hint,
      );
    }
  }
  return report.diagnostics;
}

/** Throws the located errors (exit 3, nothing touched) when the backend cannot run the project. */
export function refuseUnsupported(spec: ProjectSpec, backend: Backend, config: Pick<LoadedConfig, 'locate'>): void {
  const found = capabilityDiagnostics(spec, backend, config);
  if (found.length) throw new ConfigError(found);
}

function needsOf(w: WorkloadSpec, caps: EngineCapabilities): Need[] {
  const needs: Need[] = [];
  if (w.ports.length && !caps.localPorts) {
    needs.push({
      key: kindOf(w.kind).publishesPort ? 'port' : 'ports',
      code: 'backend-ports',
      what: 'ports need',
      capability: 'local port publishing',
      hint: 'drop the published ports, or use the docker backend',
    });
  }
  const bind = w.mounts.find((m) => m.type === 'bind');
  if (bind && !caps.bindMounts) {
    needs.push({
      key: 'volumes',
      code: 'backend-bind-mounts',
      what: `host folders (${bind.source} → ${bind.target}) need`,
      capability: "mounting paths of pond's machine",
      hint: 'use named volumes, or the docker backend',
    });
  }
  if (w.network !== 'default' && !caps.networkModes) {
    needs.push({
      key: 'network',
      code: 'backend-network-mode',
      what: `network: ${w.network} needs`,
      capability: 'a network mode other than the project network',
      hint: 'drop network:, or use the docker backend',
    });
  }
  for (const n of kindNeeds(w).filter((k) => !caps[k.capability]))
    needs.push({ key: n.key, code: n.code, what: n.what, capability: n.words, hint: n.hint });
  return needs;
}
