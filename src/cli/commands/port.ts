import { UsageError } from '../../errors.js';
import type { Context } from '../context.js';
import { pickRunning, standing } from '../select.js';

export interface PortFlags {
  protocol: 'tcp' | 'udp';
}

/** `pond port WORKLOAD PORT`: the host address:port a container port is published on (`docker compose port`). */
export async function portCommand(ctx: Context, workload: string, port: string, flags: PortFlags): Promise<number> {
  const number = containerPort(port);
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  const { container } = pickRunning(standing((await engine.observe(project)).workloads), workload, project);
  const bindings = container.ports.filter((p) => p.container === number && p.protocol === flags.protocol);
  const chosen = bindings.find((p) => !p.hostIp.includes(':')) ?? bindings[0];
  if (!chosen) {
    const published = container.ports.map((p) => `${p.container}/${p.protocol}`);
    throw new UsageError(
      `port ${number}/${flags.protocol} of workload "${workload}" is not published`,
      published.length
        ? `published ports of ${workload}: ${[...new Set(published)].join(', ')}`
        : `${workload} publishes no port: add it to ports: in pond.yaml`,
    );
  }
  ctx.output.out(`${chosen.hostIp || '0.0.0.0'}:${chosen.host}`);
  return 0;
}

function containerPort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65_535)
    throw new UsageError(
      `"${text}" is not a port number`,
      'give the port inside the container, 1-65535: pond port web 8080',
    );
  return n;
}
