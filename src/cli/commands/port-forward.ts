import { createServer, type Server } from 'node:net';
import { UsageError } from '../../errors.js';
import { LABEL, networkName } from '../../labels.js';
import type { Context } from '../context.js';
import { pickRunning, standing } from '../select.js';
import { untilStopped } from '../signals.js';

export interface PortForwardFlags {
  localPort?: string;
  format?: 'text' | 'json';
}

/**
 * `pond port-forward WORKLOAD PORT`: 127.0.0.1 on this machine reaches a workload's private port on
 * a cluster, where nothing private is published (kubectl port-forward). Runs until Ctrl-C; the
 * tunnel is removed then.
 */
export async function portForwardCommand(
  ctx: Context,
  workload: string,
  port: string,
  flags: PortForwardFlags,
): Promise<number> {
  const target = portNumber(port, 'the port inside the workload, 1-65535: pond port-forward db 5432');
  const local =
    flags.localPort === undefined
      ? undefined
      : portNumber(flags.localPort, 'a local port, 1-65535: --local-port 15432');
  const project = await ctx.projectName();
  const engine = await ctx.openEngine();
  if (!engine.tunnel)
    throw new UsageError(
      `the ${engine.backend} backend publishes ports on this machine itself: there is nothing to forward`,
      `pond port ${workload} ${target} prints where it is published`,
    );
  const { container } = pickRunning(standing((await engine.observe(project)).workloads), workload, project);
  const owner = Object.fromEntries(
    [LABEL.project, LABEL.identity, LABEL.dir].filter((k) => container.labels[k]).map((k) => [k, container.labels[k]!]),
  );
  const tunnel = await engine.tunnel(networkName(project), workload, target, owner);
  try {
    const server = createServer((socket) => {
      socket.on('error', () => socket.destroy());
      tunnel.connect(socket).catch((e: unknown) => {
        ctx.output.err(`port-forward: a connection failed: ${e instanceof Error ? e.message : String(e)}`);
        socket.destroy();
      });
    });
    const address = await listen(
      server,
      local ?? (await declaredHostPort(ctx, workload, target)) ?? target,
      local === undefined,
    );
    if (flags.format === 'json') ctx.output.out(JSON.stringify({ local: address, workload, port: target }));
    else ctx.output.out(`Forwarding ${address} -> ${workload}:${target} (Ctrl-C stops)`);
    await untilStopped();
    server.close();
  } finally {
    await tunnel.close();
  }
  return 0;
}

/**
 * The host port pond.yaml gives (or derives for) that port, so the URLs `pond info` prints work on a
 * cluster too while the forward runs; undefined without a file (-p alone) or a declared port.
 */
async function declaredHostPort(ctx: Context, workload: string, target: number): Promise<number | undefined> {
  if (!ctx.hasFiles()) return undefined;
  const w = (await ctx.project()).spec.workloads.find((x) => x.name === workload);
  return w?.ports.find((p) => p.container === target && p.host !== undefined)?.host;
}

/** Listens on 127.0.0.1:port; a port taken falls back to one the system picks, unless it was asked for. */
function listen(server: Server, port: number, fallback: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? `127.0.0.1:${a.port}` : `127.0.0.1:${port}`);
    };
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE' && fallback) return server.listen(0, '127.0.0.1', done);
      reject(
        e.code === 'EADDRINUSE'
          ? new UsageError(`127.0.0.1:${port} is already in use`, 'pick another: --local-port N, or leave it out')
          : e,
      );
    });
    server.listen(port, '127.0.0.1', done);
  });
}

function portNumber(text: string, hint: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65_535) throw new UsageError(`"${text}" is not a port number`, hint);
  return n;
}
