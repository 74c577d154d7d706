import type { LogLine, LogOptions } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { serviceLogs } from './logs.js';

/**
 * A run's output, followed until the run ends, as a container's is: the manager's follow of a job
 * stays open after its task exited, so the follow is cut once `exited` settles (or the stream ends
 * by itself) and a last read yields the lines the follow had not delivered yet
 * (each line once, told apart by its stamp, stream and text). Without `follow` it is one plain read.
 */
export async function* runLogs(
  conn: Connection,
  id: string,
  opts: LogOptions,
  exited: (signal: AbortSignal) => Promise<unknown>,
): AsyncGenerator<LogLine> {
  if (!opts.follow) return yield* serviceLogs(conn, id, opts);
  const follow = new AbortController();
  const cut = (): void => follow.abort();
  opts.signal?.addEventListener('abort', cut, { once: true });
  exited(follow.signal).then(cut, cut);
  const seen = new Set<string>();
  const shown = (l: LogLine): LogLine =>
    opts.timestamps ? l : { container: l.container, stream: l.stream, text: l.text };
  try {
    for await (const l of serviceLogs(conn, id, { ...opts, timestamps: true, signal: follow.signal })) {
      seen.add(keyOf(l));
      yield shown(l);
    }
    if (opts.signal?.aborted) return;
    const rest: LogLine[] = [];
    try {
      for await (const l of serviceLogs(conn, id, { ...opts, follow: false, timestamps: true })) rest.push(l);
    } catch {
      // A stopped run's job is gone with its logs: what the follow delivered is all there is.
    }
    yield* rest.filter((l) => !seen.has(keyOf(l))).map(shown);
  } finally {
    cut();
    opts.signal?.removeEventListener('abort', cut);
  }
}

const keyOf = (l: LogLine): string => `${l.time ?? ''} ${l.stream} ${l.text}`;
