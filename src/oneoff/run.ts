import type { TaskSpec, Engine, StdioStreams } from '../engine/types.js';

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
