import type { ContainerSpec, Engine, LogLine } from '../engine/types.js';

export interface OneOffRun {
  /** Keep the container after it exits (`--no-rm`). */
  keep: boolean;
  signal?: AbortSignal;
  onStarted?: (containerId: string) => void;
  onLine: (line: LogLine) => void;
}

/**
 * Creates and starts one container, streams its output until it exits and resolves with its exit
 * code. Aborting stops it; it is removed afterwards whatever happened, unless `keep`.
 */
export async function runContainer(engine: Engine, spec: ContainerSpec, o: OneOffRun): Promise<number> {
  if (!(await engine.hasImage(spec.image))) await engine.pullImage(spec.image);
  const id = await engine.createContainer(spec);
  const stop = (): void => void engine.stopContainer(id, spec.stopTimeoutSec).catch(() => undefined);
  try {
    await engine.startContainer(id);
    o.signal?.addEventListener('abort', stop, { once: true });
    if (o.signal?.aborted) stop();
    o.onStarted?.(id);
    const [code] = await Promise.all([engine.waitExit(id), stream(engine, id, o.onLine)]);
    return code;
  } finally {
    o.signal?.removeEventListener('abort', stop);
    if (!o.keep) await engine.removeContainer(id).catch(() => undefined);
  }
}

async function stream(engine: Engine, id: string, onLine: (line: LogLine) => void): Promise<void> {
  for await (const line of engine.logs(id, { follow: true, timestamps: false })) onLine(line);
}
