import { connect } from 'node:net';
import type { Probe } from '../types.js';
import type { RawInspect } from './inspect.js';
import { localAddress } from './reachable.js';

const TCP_POLL_MS = 10;
const CONNECT_TIMEOUT_MS = 100;

/**
 * A cheap signal for when an exec probe is worth running: a server's exec check (pg_isready,
 * mysqladmin ping) cannot pass before the server listens, and each exec costs the engine a process
 * start on a machine the starting server shares. So while none of the container's exposed TCP ports
 * accepts a connection from this host, the readiness loop runs its exec rarely and knocks on the
 * ports instead; the first accept runs the exec at once. Only a hint: the exec alone decides, and a
 * port that never opens only slows the exec's cadence, never blocks it.
 */
export interface ListenGate {
  /** True once some exposed port has accepted (from then on the gate stays open). */
  readonly open: boolean;
  /** Knocks every few ms until a port accepts (true) or `ms` pass (false). */
  knock(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** A gate for `probe` in this container, or undefined when it does not apply (not exec, no local address, no exposed TCP port). */
export function listenGate(raw: RawInspect, probe: Probe): ListenGate | undefined {
  if (!('exec' in probe)) return undefined;
  const host = localAddress(raw);
  const ports = exposedTcpPorts(raw);
  if (!host || !ports.length) return undefined;
  let open = false;
  return {
    get open() {
      return open;
    },
    async knock(ms, signal) {
      const until = Date.now() + ms;
      while (!open && !signal?.aborted) {
        if ((await Promise.all(ports.map((p) => accepts(host, p)))).some(Boolean)) open = true;
        const left = until - Date.now();
        if (open || left <= 0) break;
        await new Promise((r) => setTimeout(r, Math.min(TCP_POLL_MS, left)));
      }
      return open;
    },
  };
}

/** The container's exposed TCP ports ("5432/tcp"), published or not. */
export function exposedTcpPorts(raw: RawInspect): number[] {
  return Object.keys(raw.NetworkSettings.Ports ?? {})
    .map((k) => k.split('/'))
    .filter(([, proto = 'tcp']) => proto === 'tcp')
    .map(([p]) => Number(p))
    .filter((p) => Number.isInteger(p) && p > 0);
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: CONNECT_TIMEOUT_MS });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
