import type { ExecRequest, TtySize } from '../types.js';
import type { Connection } from './connection.js';
import { classify } from './errors.js';
import { hijack } from './hijack.js';
import { pump } from './pump.js';

const EXIT_DEADLINE_MS = 5_000;

/**
 * exec create → start on a hijacked connection (stdin in, output out) → the exit code from exec
 * inspect. Ends when the command's output ends, whether or not `stdin` has: the command is what
 * finishes an exec, not its input.
 */
export async function exec(conn: Connection, id: string, req: ExecRequest): Promise<number> {
  const action = `exec in container ${id}`;
  try {
    const created = await conn.call<{ Id: string }>(
      'POST',
      `/containers/${encodeURIComponent(id)}/exec`,
      createBody(req),
      { retry: false },
    );
    const socket = await hijack(conn.dial, `/exec/${created.Id}/start`, { Detach: false, Tty: req.tty });
    const unsubscribe = req.tty && req.resize ? req.resize((size) => void resize(conn, created.Id, size)) : undefined;
    try {
      await pump(socket, req);
    } finally {
      unsubscribe?.();
    }
    return await exitCode(conn, created.Id);
  } catch (err) {
    throw classify(err, conn.endpoint, action);
  }
}

function createBody(req: ExecRequest): Record<string, unknown> {
  return {
    Cmd: req.cmd,
    Env: Object.entries(req.env).map(([k, v]) => `${k}=${v}`),
    Tty: req.tty,
    AttachStdin: !!req.stdin,
    AttachStdout: true,
    AttachStderr: true,
    ...(req.user !== undefined && { User: req.user }),
    ...(req.workdir !== undefined && { WorkingDir: req.workdir }),
  };
}

async function resize(conn: Connection, execId: string, size: TtySize): Promise<void> {
  try {
    await conn.call('POST', `/exec/${execId}/resize?h=${size.rows}&w=${size.cols}`, undefined, { retry: false });
  } catch {
    // a resize that misses (the command just ended) changes nothing worth reporting
  }
}

/** The engine may record the exit a moment after the output ends: poll briefly until it says. */
async function exitCode(conn: Connection, execId: string): Promise<number> {
  const deadline = Date.now() + EXIT_DEADLINE_MS;
  for (;;) {
    const info = await conn.getJson<{ Running: boolean; ExitCode: number | null }>(`/exec/${execId}/json`);
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (Date.now() > deadline) throw new Error('the command ended its output but the engine reports no exit code');
    await new Promise((r) => setTimeout(r, 50));
  }
}
