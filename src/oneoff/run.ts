import type { TaskSpec, Engine, LogLine, StdioStreams } from '../engine/types.js';
import { EngineError } from '../errors.js';

export interface OneOffRun {
  /** Keep the container after it exits (`--no-rm`). */
  keep: boolean;
  signal?: AbortSignal;
  onStarted?: (containerId: string) => void;
  /**
   * The caller's stdio, asked for once the image is there, right before the container is made (a
   * terminal goes raw only when its keys have somewhere to go). Its `tty` and `stdin` decide whether
   * the container gets a TTY and an open stdin.
   */
  stdio: () => StdioStreams;
}

/**
 * Runs the spec with the caller's stdio attached before the start (no output is missed), forwards
 * the terminal's size while it runs and resolves with its exit code once it exited and its output
 * ended. Aborting stops it; it is removed afterwards whatever happened, unless `keep`.
 */
export async function runContainer(engine: Engine, spec: TaskSpec, o: OneOffRun): Promise<number> {
  if (!(await engine.hasImage(spec.image))) await engine.pullImage(spec.image);
  const io = o.stdio();
  if (!engine.capabilities.attach) return runUnattached(engine, spec, o, io);
  const run = await engine.run(spec, { stdio: io, keepOnFailedStart: o.keep });
  const stop = (): void => void run.stop(spec.stopTimeoutSec).catch(() => undefined);
  let unsubscribe: (() => void) | undefined;
  try {
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    o.onStarted?.(run.id);
    if (io.tty) unsubscribe = io.resize?.((size) => void run.resize(size));
    return (await run.wait()).exitCode;
  } finally {
    unsubscribe?.();
    o.signal?.removeEventListener('abort', stop);
    if (!o.keep) await run.remove().catch(() => undefined);
  }
}

/**
 * Where stdio cannot be attached (a task on a cluster node): the run's output is followed through
 * the engine's logs, and once it exited, what the stream had not yet delivered is printed from a last
 * read, so no line is lost. A terminal cannot be handed over: refused, with the way that works.
 */
async function runUnattached(engine: Engine, spec: TaskSpec, o: OneOffRun, io: StdioStreams): Promise<number> {
  if (io.tty)
    throw new EngineError(
      `a run on the ${engine.backend} backend cannot have this terminal: its task runs on a cluster node`,
      undefined,
      'pond run -T (its output still comes here)',
    );
  const run = await engine.run({ ...spec, tty: false, openStdin: false }, { keepOnFailedStart: o.keep });
  const stop = (): void => void run.stop(spec.stopTimeoutSec).catch(() => undefined);
  const follow = new AbortController();
  let printed = 0;
  const print = (l: LogLine) => (l.stream === 'stderr' ? io.stderr : io.stdout).write(`${l.text}\n`);
  try {
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    o.onStarted?.(run.id);
    const streaming = (async () => {
      for await (const l of run.logs({ follow: true, timestamps: false, signal: follow.signal })) {
        print(l);
        printed++;
      }
    })().catch(() => undefined);
    const { exitCode } = await run.wait();
    follow.abort();
    await streaming;
    let seen = 0;
    for await (const l of run.logs({ follow: false, timestamps: false })) if (seen++ >= printed) print(l);
    return exitCode;
  } finally {
    follow.abort();
    o.signal?.removeEventListener('abort', stop);
    if (!o.keep) await run.remove().catch(() => undefined);
  }
}
