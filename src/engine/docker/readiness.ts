import { InterruptedError, TimeoutError } from '../../errors.js';
import type { HealthSpec } from '../types.js';
import type { Connection } from './connection.js';
import { WORKLOAD_LABEL } from './labels.js';
import { formatDuration } from '../../units.js';
import { classify } from './errors.js';
import { hasExited, inspectRaw, type RawInspect } from './inspect.js';
import { describeExit } from '../describe-exit.js';
import { describeProbe } from '../describe-probe.js';
import { ExitedError, exitError, exitFacts, failOnCrash, lastOutput } from './exits.js';
import { createChecker, type Attempt } from './probes.js';
import { listenGate } from './listen-gate.js';

const FAST_POLL_MS = 50;
const FAST_PHASE_MS = 3_000;
const MID_POLL_MS = 250;
const MID_PHASE_MS = 10_000;
const MAX_POLL_MS = 1_000;
const DEFAULT_TRY_MS = 5_000;
/** While the gate is shut, an exec runs at most this often (the ports are knocked on meanwhile). */
const GATED_EXEC_MS = 250;

/**
 * pond's own readiness loop (engine healthchecks are slow to react and costly, §6): polls every
 * 50 ms for the first 3 s (most servers are up by then: a database's init takes 1–3 s), every 250 ms
 * until 10 s, then every min(intervalMs, 1 s). An exec probe of a container with exposed TCP ports
 * runs at most every 250 ms until one of them accepts, and at once when one does (see ListenGate).
 * Each round first checks the container
 * is still alive, and the container's exits are watched meanwhile: an exit for good, or CRASH_EXITS
 * exits under a restart policy, fails fast with its code, an OOM kill and its last log lines; a
 * timeout also shows those lines. `retries` and
 * `startPeriodMs` are not used here: `timeoutMs` alone bounds the wait. An abort rejects with
 * InterruptedError.
 */
export async function waitReady(
  conn: Connection,
  id: string,
  health: HealthSpec,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const raw = await inspect(conn, id);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([probeLoop(conn, raw, health, opts), crashes(conn, id, stop.signal)]);
  } finally {
    stop.abort();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Watches the container's exits beside the probes, so a crash loop under a restart policy (which
 * the probe loop only sees as "not ready yet") fails fast too. Anything else the watch runs into
 * (an aborted wait, an engine hiccup) is left to the probe loop.
 */
function crashes(conn: Connection, id: string, signal: AbortSignal): Promise<never> {
  return failOnCrash(conn, id, 'before it was ready', signal).catch((e: unknown) => {
    if (e instanceof ExitedError) throw e;
    return new Promise<never>(() => undefined);
  });
}

async function probeLoop(
  conn: Connection,
  first: RawInspect,
  health: HealthSpec,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const id = first.Id;
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let raw = first;
  const name = raw.Config.Labels?.[WORKLOAD_LABEL] ?? raw.Name.replace(/^\//, '');
  const checker = createChecker(conn, id, health.probe, startedAtSec(raw));
  const gate = listenGate(raw, health.probe);
  let telling: Attempt | undefined;
  try {
    for (let round = 0; ; round++) {
      if (gate && !gate.open)
        await gate.knock(
          Math.min(Math.max(GATED_EXEC_MS, pollDelay(health, Date.now() - started)), deadline - Date.now()),
          opts.signal,
        );
      if (opts.signal?.aborted) throw new InterruptedError(`stopped waiting for ${name} to be ready`);
      if (round > 0) raw = await inspect(conn, id);
      if (hasExited(raw))
        throw await exitError(conn, id, `exited with ${describeExit(exitFacts(raw))} before it was ready`);
      const remaining = deadline - Date.now();
      const attempt = await untilAborted(
        checker.check(raw, Math.max(50, Math.min(tryTimeout(health), remaining))),
        opts.signal,
        name,
      );
      if (attempt.ok) return;
      if (!attempt.cut || !telling) telling = attempt;
      if (Date.now() >= deadline) throw await timeoutError(conn, id, name, health, opts.timeoutMs, telling);
      if (!gate || gate.open)
        await sleep(Math.min(pollDelay(health, Date.now() - started), deadline - Date.now()), opts.signal);
    }
  } finally {
    checker.close();
  }
}

async function inspect(conn: Connection, id: string): Promise<RawInspect> {
  try {
    return await inspectRaw(conn, id);
  } catch (err) {
    throw classify(err, conn.endpoint, `inspect container ${id}`);
  }
}

function startedAtSec(raw: RawInspect): number {
  const t = Date.parse(raw.State.StartedAt);
  return Number.isFinite(t) && t > 0 ? Math.floor(t / 1000) : 0;
}

function tryTimeout(health: HealthSpec): number {
  return health.timeoutMs > 0 ? health.timeoutMs : DEFAULT_TRY_MS;
}

function pollDelay(health: HealthSpec, elapsedMs: number): number {
  if (elapsedMs < FAST_PHASE_MS) return FAST_POLL_MS;
  if (elapsedMs < MID_PHASE_MS) return Math.min(Math.max(health.intervalMs, FAST_POLL_MS), MID_POLL_MS);
  return Math.min(Math.max(health.intervalMs, FAST_POLL_MS), MAX_POLL_MS);
}

async function timeoutError(
  conn: Connection,
  id: string,
  name: string,
  health: HealthSpec,
  timeoutMs: number,
  attempt: Attempt,
): Promise<TimeoutError> {
  const probe = attempt.failing ?? describeProbe(health.probe);
  const said = attempt.detail ? `: ${attempt.detail}` : '';
  return new TimeoutError(
    `${name} not healthy after ${formatDuration(timeoutMs)}: ${probe} kept failing${said}`,
    `check the readiness condition (ready_when / health); ${await lastOutput(conn, id, name)}`,
  );
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, name: string): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new InterruptedError(`stopped waiting for ${name} to be ready`));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
