import fs from 'node:fs';
import { Writable } from 'node:stream';
import { LABEL } from '../labels.js';
import type { TaskSpec, Engine, ObservedWorkload } from '../engine/types.js';
import { EngineError, InterruptedError, TimeoutError } from '../errors.js';
import { formatDuration } from '../units.js';
import { QUERY_PATHS, type QueryFormat } from '../workloads/query/expand.js';
import type { AdhocResult } from './result.js';
import { warmSpec } from './warm-spec.js';

/** How long past its timeout a query may take to come back interrupted before its runner is killed. */
const ANSWER_GRACE_MS = 3000;

export interface WarmRun {
  sql: string;
  format: QueryFormat;
  explain: boolean;
  timeoutMs: number;
}

/**
 * One ad hoc query in the workload's warm runner: the runner is reused while it runs and its spec
 * hash matches, else replaced; the query is the runner's client, exec'd into it, so its result
 * arrives on the exec stream. Past the timeout the runner interrupts the query itself (exit 124);
 * a runner that does not answer `ANSWER_GRACE_MS` later is killed and removed, so the next query
 * starts a fresh one.
 */
export async function runWarm(
  engine: Engine,
  template: TaskSpec,
  what: string,
  run: WarmRun,
  opts: { signal?: AbortSignal; beforeCreate?: () => Promise<void> } = {},
): Promise<AdhocResult> {
  const { signal } = opts;
  const spec = warmSpec(template, runnerBuild(template));
  const id = await warmContainer(engine, spec, opts.beforeCreate);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let killed = false;
  const killer = setTimeout(() => {
    killed = true;
    void engine.removeWorkload(id).catch(() => undefined);
  }, run.timeoutMs + ANSWER_GRACE_MS);
  const env = {
    POND_SQL: run.sql,
    POND_FORMAT: run.format,
    POND_TIMEOUT_MS: String(run.timeoutMs),
    ...(run.explain && { POND_EXPLAIN: '1' }),
  };
  let code: number;
  try {
    code = await abortable(
      engine.exec(id, {
        cmd: ['node', QUERY_PATHS.runner, 'client'],
        env,
        tty: false,
        stdout: sink(out),
        stderr: sink(err),
      }),
      signal,
      what,
    );
  } catch (e) {
    if (!killed) throw e;
    code = -1;
  } finally {
    clearTimeout(killer);
  }
  const limit = formatDuration(run.timeoutMs);
  const hint = 'raise timeout: (or --timeout), or make the query cheaper (pond query NAME --explain shows its plan)';
  if (killed)
    throw new TimeoutError(
      `${what} ran past its ${limit} timeout and its warm runner did not answer; the runner was killed and removed (the next query starts a fresh one)`,
      hint,
    );
  if (code === 124)
    throw new TimeoutError(`${what} ran past its ${limit} timeout; the warm runner interrupted it`, hint);
  if (code === 0) return { ok: true, bytes: Buffer.concat(out) };
  return {
    ok: false,
    code,
    message: Buffer.concat(err).toString('utf8').trim() || 'the query failed without a message',
  };
}

/** The running warm runner of this spec, started (or replaced) when there is none. */
async function warmContainer(engine: Engine, spec: TaskSpec, beforeCreate?: () => Promise<void>): Promise<string> {
  const have = await current(engine, spec.name);
  if (have && fits(have, spec)) return have.id;
  const [hasImage] = await Promise.all([engine.hasImage(spec.image), beforeCreate?.()]);
  if (have && have.labels[LABEL.identity] === spec.labels[LABEL.identity]) await engine.removeWorkload(have.id);
  if (!hasImage) await engine.pullImage(spec.image);
  let id: string;
  try {
    id = await engine.createWorkload(spec);
  } catch (e) {
    const raced = await current(engine, spec.name);
    if (raced && fits(raced, spec)) return raced.id; // another pond query started it meanwhile
    throw e;
  }
  await engine.startWorkload(id);
  return id;
}

function fits(have: ObservedWorkload, spec: TaskSpec): boolean {
  return (
    have.state === 'running' &&
    have.labels[LABEL.warm] === spec.labels[LABEL.warm] &&
    have.labels[LABEL.identity] === spec.labels[LABEL.identity]
  );
}

async function current(engine: Engine, name: string): Promise<ObservedWorkload | undefined> {
  try {
    return await engine.inspectWorkload(name);
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return undefined;
    throw e;
  }
}

/** Which runner build the container would serve: a rebuilt or upgraded pond replaces the runner. */
function runnerBuild(template: TaskSpec): string {
  const source = template.mounts.find((m) => m.target === QUERY_PATHS.runner);
  const st = source && source.type === 'bind' ? fs.statSync(source.source, { throwIfNoEntry: false }) : undefined;
  return st ? `${st.size}:${st.mtimeMs}` : 'unknown';
}

function sink(chunks: Buffer[]): Writable {
  return new Writable({ write: (chunk: Buffer, _enc, done) => (chunks.push(chunk), done()) });
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void =>
      reject(new InterruptedError(`${what} was interrupted; its warm runner interrupts it too`));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
