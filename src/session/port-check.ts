import { createServer } from 'node:net';
import type { ObservedState } from '../engine/types.js';
import { UsageError } from '../errors.js';
import type { Plan } from '../plan/types.js';

/**
 * Host ports a plan's new containers publish that another process already holds. Such a container
 * would be created and then fail to start, left behind half made; refusing first touches nothing. A
 * port this project's own containers publish is not a conflict (a replace frees it before it starts).
 * Derived ports are not moved to another number: that would silently break saved URLs and clients.
 */
export async function refuseBusyPorts(plan: Plan, observed: ObservedState): Promise<void> {
  const own = new Set(observed.workloads.flatMap((c) => c.ports.map((p) => p.host)));
  const wanted = plan.steps
    .flatMap((s) =>
      s.resource === 'container' && (s.action === 'create' || s.action === 'replace')
        ? [{ name: s.name, ports: s.container.spec.ports }]
        : [],
    )
    .flatMap((s) =>
      s.ports.flatMap((p) =>
        p.protocol === 'tcp' && p.host !== undefined && p.host !== 0 && !own.has(p.host)
          ? [{ name: s.name, host: p.host, hostIp: p.hostIp }]
          : [],
      ),
    );
  const busy = (await Promise.all(wanted.map(async (w) => ((await inUse(w.host, w.hostIp)) ? w : undefined)))).filter(
    (w) => w !== undefined,
  );
  if (!busy.length) return;
  const what = busy.map((b) => `${b.name}: ${b.hostIp}:${b.host}`).join(', ');
  const names = [...new Set(busy.map((b) => b.name))].join(', ');
  throw new UsageError(
    `host port already in use by another process (${what}): nothing was changed`,
    `give ${names} another host port in pond.yaml (port: for a database or notebook, whose port is otherwise derived from the project and workload names; ports: for a service), or stop what holds it`,
  );
}

/** True when binding the address fails because something already listens there. */
function inUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE'));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen({ port, host, exclusive: true });
  });
}
