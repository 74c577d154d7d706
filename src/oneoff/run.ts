import type { Attachment, ContainerSpec, Engine, StdioStreams } from '../engine/types.js';

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
 * Creates a container, attaches the caller's stdio to it before starting it (no output is missed),
 * forwards the terminal's size while it runs and resolves with its exit code once it exited and its
 * output ended. Aborting stops it; it is removed afterwards whatever happened, unless `keep`.
 */
export async function runContainer(engine: Engine, spec: ContainerSpec, o: OneOffRun): Promise<number> {
  if (!(await engine.hasImage(spec.image))) await engine.pullImage(spec.image);
  const io = o.stdio();
  const id = await engine.createContainer({ ...spec, ...(io.tty && { tty: true }), ...(io.stdin && { openStdin: true }) });
  const stop = (): void => void engine.stopContainer(id, spec.stopTimeoutSec).catch(() => undefined);
  let unsubscribe: (() => void) | undefined;
  try {
    const attached = await engine.attachContainer(id, io);
    await startAttached(engine, id, attached);
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    o.onStarted?.(id);
    if (io.tty) unsubscribe = io.resize?.((size) => void engine.resizeContainer(id, size));
    const [code] = await Promise.all([engine.waitExit(id), attached.ended]);
    return code;
  } finally {
    unsubscribe?.();
    o.signal?.removeEventListener('abort', stop);
    if (!o.keep) await engine.removeContainer(id).catch(() => undefined);
  }
}

/** A start that fails lets go of the streams, which would otherwise wait for a process that never runs. */
async function startAttached(engine: Engine, id: string, attached: Attachment): Promise<void> {
  try {
    await engine.startContainer(id);
  } catch (err) {
    attached.close();
    throw err;
  }
}
