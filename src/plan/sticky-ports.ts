import type { ObservedState, PortBinding } from '../engine/types.js';
import type { Step } from './types.js';

/**
 * A replace keeps the host ports the engine picked for the old container (`ports: ["8080"]`), so a
 * bookmarked preview URL keeps working, as databases' derived ports do. The old container is stopped
 * before the new one starts, so the port is free again by then. The config hash is untouched: the
 * engine's pick is not configuration. Fills them into each replace step's container spec.
 */
export function keepPickedPorts(steps: Step[], observed: ObservedState): void {
  const byId = new Map(observed.workloads.map((c) => [c.id, c]));
  for (const step of steps) {
    if (step.resource !== 'container' || step.action !== 'replace') continue;
    const want = step.container;
    if (!want.spec.ports.some((p) => p.host === undefined)) continue;
    const old = byId.get(step.observedId);
    if (!old) continue;
    const taken = new Set(want.spec.ports.map((p) => p.host).filter((h) => h !== undefined));
    const ports = want.spec.ports.map((p): PortBinding => {
      if (p.host !== undefined) return p;
      const seen = old.ports.find(
        (o) => o.container === p.container && o.protocol === p.protocol && o.hostIp === p.hostIp && !taken.has(o.host),
      );
      if (!seen) return p;
      taken.add(seen.host);
      return { ...p, host: seen.host };
    });
    step.container = { ...want, spec: { ...want.spec, ports } };
  }
}
