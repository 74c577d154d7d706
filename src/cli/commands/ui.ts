import { spawn } from 'node:child_process';
import { UsageError } from '../../errors.js';
import { acquireLock } from '../../lock/lock.js';
import { startUiServer, type UiServer, type UiServerOptions } from '../../ui/server/server.js';
import type { Context } from '../context.js';
import { untilStopped } from '../signals.js';

export interface UiFlags {
  format: 'text' | 'json';
  port?: number;
  /** commander's --no-open: false when given. */
  open: boolean;
  concurrency: number;
}

/**
 * `pond ui`: a live dashboard of the project on 127.0.0.1, until Ctrl-C or SIGTERM (exit 0: stopping
 * the dashboard is what was asked). Prints the URL (its token opens it); `--format json` prints
 * `{url, port}` as one line. Opens a browser only for a person at a desktop (a TTY and a display, not CI).
 */
export async function uiCommand(ctx: Context, flags: UiFlags): Promise<number> {
  const project = await ctx.project();
  const engine = await ctx.openEngine();
  const server = await startUiServer({
    engine,
    project: () => project,
    concurrency: flags.concurrency,
    lock: (command) => acquireLock(ctx.lockDir(), project.spec.name, command, 0),
    ...(flags.port !== undefined && { port: flags.port }),
    onError: (e) => ctx.output.err(`warning: ${e instanceof Error ? e.message : String(e)}`),
  });
  announce(ctx, server, flags);
  if (flags.open && wantsBrowser(ctx)) openBrowser(server.url);
  await untilStopped();
  await server.close();
  return 0;
}

/** `pond up --watch --ui`: the same dashboard beside watch mode, which holds the project lock itself. */
export async function startWatchUi(ctx: Context, o: Omit<UiServerOptions, 'onError'>): Promise<UiServer> {
  const server = await startUiServer({
    ...o,
    onError: (e) => ctx.output.err(`warning: ui: ${e instanceof Error ? e.message : String(e)}`),
  });
  ctx.output.log(`dashboard: ${server.url}`);
  return server;
}

function announce(ctx: Context, server: UiServer, flags: UiFlags): void {
  if (flags.format === 'json') return ctx.output.out(JSON.stringify({ url: server.url, port: server.port }));
  ctx.output.out(server.url);
  ctx.output.err(`pond ui: serving project dashboard on 127.0.0.1:${server.port} (Ctrl-C stops it)`);
}

function wantsBrowser(ctx: Context): boolean {
  if (ctx.env.CI || !ctx.output.tty || !process.stdout.isTTY) return false;
  return (
    process.platform === 'darwin' || process.platform === 'win32' || !!(ctx.env.DISPLAY || ctx.env.WAYLAND_DISPLAY)
  );
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

/** `--port`: a TCP port to start from. */
export function portFlag(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new UsageError(`--port ${value} is not a port (1–65535)`, 'pond ui --port 7400');
  return n;
}
