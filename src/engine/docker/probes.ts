import { request } from 'node:http';
import { connect } from 'node:net';
import type { Probe } from '../types.js';
import { describeProbe } from '../describe-probe.js';
import type { Connection } from './connection.js';
import { isShellCommand } from './create-options.js';
import { demux } from './demux.js';
import { engineMessage } from './errors.js';
import type { RawInspect } from './inspect.js';
import { inContainerProbe, localAddress } from './reachable.js';
import { logs } from './logs.js';

/**
 * One probe try. `failing` names the part that failed (for `all`), `detail` is what it said; `cut`
 * marks a try ended by its own time limit, whose detail says less than an earlier real answer.
 */
export interface Attempt {
  ok: boolean;
  failing?: string;
  detail?: string;
  cut?: boolean;
}

/** A probe bound to one container. `close` releases what it holds (a log stream). */
export interface Checker {
  check(raw: RawInspect, timeoutMs: number): Promise<Attempt>;
  close(): void;
}

const OUTPUT_LIMIT = 300;

/** How a probe reads in messages: the exec command line, "http GET :8080/", "tcp :5432", 'log "ready"'. */

/** Builds the checker for a probe tree; a log probe starts watching output at once. */
export function createChecker(conn: Connection, id: string, probe: Probe, sinceSec: number): Checker {
  if ('all' in probe) return allChecker(probe.all.map((p) => createChecker(conn, id, p, sinceSec)));
  if ('log' in probe) return logChecker(conn, id, probe.log, sinceSec);
  const name = describeProbe(probe);
  const run = (raw: RawInspect, timeoutMs: number): Promise<Attempt> => {
    if ('exec' in probe) return execProbe(conn, id, probe.exec, timeoutMs);
    const host = localAddress(raw);
    if (!host) return execProbe(conn, id, inContainerProbe(probe, timeoutMs), timeoutMs);
    return 'http' in probe
      ? httpProbe(host, probe.http.port, probe.http.path, timeoutMs)
      : tcpProbe(host, probe.tcp.port, timeoutMs);
  };
  return {
    check: async (raw, timeoutMs) => ({ failing: name, ...(await run(raw, timeoutMs)) }),
    close: () => undefined,
  };
}

function allChecker(parts: Checker[]): Checker {
  return {
    check: async (raw, timeoutMs) => {
      const results = await Promise.all(parts.map((p) => p.check(raw, timeoutMs)));
      return results.find((r) => !r.ok) ?? { ok: true };
    },
    close: () => parts.forEach((p) => p.close()),
  };
}

/** exec create → start (its output is the answer's body) → inspect for the exit code, all over node:http. */
async function execProbe(conn: Connection, id: string, argv: string[], timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const Cmd = isShellCommand(argv) ? ['sh', '-c', argv[0]] : argv;
    const exec = await conn.call<{ Id: string }>(
      'POST',
      `/containers/${encodeURIComponent(id)}/exec`,
      { Cmd, AttachStdout: true, AttachStderr: true },
      { timeoutMs, retry: false },
    );
    const stream = await conn.stream(
      'POST',
      `/exec/${exec.Id}/start`,
      { Detach: false, Tty: false },
      controller.signal,
    );
    let output = '';
    for await (const frame of demux(stream)) output = (output + frame.data.toString('utf8')).slice(-OUTPUT_LIMIT);
    if (controller.signal.aborted) return cut(timeoutMs);
    const { ExitCode } = await conn.getJson<{ ExitCode: number | null }>(`/exec/${exec.Id}/json`, {
      timeoutMs,
      retry: false,
    });
    return { ok: ExitCode === 0, detail: output.trim() || `exit code ${ExitCode}` };
  } catch (err) {
    if (controller.signal.aborted) return cut(timeoutMs);
    return { ok: false, detail: engineMessage(err) };
  } finally {
    clearTimeout(timer);
  }
}

function cut(timeoutMs: number): Attempt {
  return { ok: false, cut: true, detail: `no answer within ${timeoutMs} ms` };
}

/** Ready on any HTTP status below 500: a 404 or 401 still proves the server is up and answering. */
function httpProbe(host: string, port: number, path: string, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve({ ok: status < 500, detail: `HTTP ${status}` });
    });
    req.on('timeout', () => {
      resolve(cut(timeoutMs));
      req.destroy();
    });
    req.on('error', (err) => resolve({ ok: false, detail: err.message }));
    req.end();
  });
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve({ ok: true });
    });
    socket.once('timeout', () => {
      resolve(cut(timeoutMs));
      socket.destroy();
    });
    socket.once('error', (err) => resolve({ ok: false, detail: err.message }));
  });
}

function logChecker(conn: Connection, id: string, needle: string, sinceSec: number): Checker {
  const controller = new AbortController();
  const name = describeProbe({ log: needle });
  let found = false;
  let window = '';
  let failure: string | undefined;
  void (async () => {
    try {
      for await (const line of logs(conn, id, {
        follow: true,
        timestamps: false,
        since: sinceSec,
        signal: controller.signal,
      })) {
        window = `${window}${line.text}\n`.slice(-Math.max(4096, needle.length * 2));
        if (window.includes(needle)) found = true;
        if (found) return controller.abort();
      }
    } catch (err) {
      failure = engineMessage(err);
    }
  })();
  return {
    check: async () => (found ? { ok: true } : { ok: false, failing: name, detail: failure ?? lastLine(window) }),
    close: () => controller.abort(),
  };
}

function lastLine(window: string): string {
  const line = window.trimEnd().split('\n').pop() ?? '';
  return line ? `last line: ${line.slice(-OUTPUT_LIMIT)}` : 'no output yet';
}

/**
 * One try of a probe right now, for `pond ps`: a log probe reads the output since the container
 * started (no following), the others run once as the readiness loop runs them.
 */
export async function probeOnce(
  conn: Connection,
  id: string,
  raw: RawInspect,
  probe: Probe,
  timeoutMs: number,
): Promise<Attempt> {
  if ('all' in probe) {
    const results = await Promise.all(probe.all.map((p) => probeOnce(conn, id, raw, p, timeoutMs)));
    return results.find((r) => !r.ok) ?? { ok: true };
  }
  if (!('log' in probe)) {
    const checker = createChecker(conn, id, probe, 0);
    return checker.check(raw, timeoutMs);
  }
  const since = Math.floor(Date.parse(raw.State.StartedAt) / 1000) || 0;
  let window = '';
  for await (const line of logs(conn, id, { follow: false, timestamps: false, since })) {
    window = `${window}${line.text}\n`.slice(-Math.max(4096, probe.log.length * 2));
    if (window.includes(probe.log)) return { ok: true };
  }
  return { ok: false, failing: describeProbe(probe), detail: lastLine(window) };
}
