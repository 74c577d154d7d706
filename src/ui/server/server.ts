import { createServer, type Server } from 'node:http';
import type { Engine } from '../../engine/types.js';
import type { Lock } from '../../lock/lock.js';
import type { Project } from '../../pipeline.js';
import type { UiOutcome, UiState } from '../types.js';
import { newToken, securityHeaders } from './auth.js';
import { redactDeep, uiSecrets } from './redact.js';
import { StateHub } from './hub.js';
import { candidatePorts, derivedPort } from './port.js';
import { readState } from './read-state.js';
import { handle } from './routes.js';
import { sampleStats } from './stats.js';

export interface UiServerOptions {
  engine: Engine;
  /** The project as it is now (watch mode re-reads it on every save). */
  project: () => Project;
  /** Absent: derived from the project name; a taken port moves on to the next free one either way. */
  port?: number;
  concurrency: number;
  /**
   * Taken around each action: `pond ui` passes the CLI verbs' lock (a held one answers 409), watch
   * mode (which already holds that) its own. The caller chooses, since only it knows where locks live.
   */
  lock: (command: string) => Promise<Lock>;
  /** Beside `pond up --watch`: approving held steps, and the plan being applied. */
  watch?: { approve: () => UiOutcome; plan: () => UiState['plan'] };
  onError?: (e: unknown) => void;
}

/** A running dashboard: where it is, and how to end it. */
export interface UiServer {
  url: string;
  port: number;
  /** Tells the pages something changed (watch mode after each apply). */
  changed(): void;
  /** Sends watch mode's plan to every page. */
  plan(plan: UiState['plan']): void;
  close(): Promise<void>;
}

/**
 * Serves the dashboard on 127.0.0.1 at the project's derived port (or `port`), the next free one if it
 * is taken, behind a token made for this start. One engine event stream feeds every page.
 */
export async function startUiServer(o: UiServerOptions): Promise<UiServer> {
  const token = newToken();
  const onError = o.onError ?? (() => undefined);
  const watch = !!o.watch;
  const read = (): Promise<UiState> =>
    readState(o.engine, o.project(), { watch, ...(o.watch?.plan() && { plan: o.watch.plan() }) });
  const name = o.project().spec.name;
  const hub = new StateHub({
    read,
    stats: () => sampleStats(o.engine, o.project().spec.name),
    ...(o.engine.events && { events: (signal: AbortSignal) => o.engine.events!(name, signal) }),
    onError,
  });
  let port = 0;
  const server = createServer((req, res) => {
    handle(
      {
        engine: o.engine,
        project: o.project,
        lock: o.lock,
        concurrency: o.concurrency,
        token,
        port: () => port,
        hub,
        readState: read,
        ...(o.watch && { approve: o.watch.approve }),
        onError,
      },
      req,
      res,
    ).catch((e: unknown) => {
      onError(e);
      if (res.headersSent) return void res.end();
      const message = redactDeep(e instanceof Error ? e.message : String(e), uiSecrets(o.project().spec));
      res.writeHead(500, { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, message }));
    });
  });
  port = await listen(server, o.port ?? derivedPort(name));
  hub.start();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    changed: () => hub.changed(),
    plan: (plan) => hub.broadcast('plan', plan),
    close: () => {
      hub.close();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Binds the first free port from `first` on 127.0.0.1 only. */
async function listen(server: Server, first: number): Promise<number> {
  let last: unknown;
  for (const port of candidatePorts(first)) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return port;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      last = e;
    }
  }
  throw last;
}
