import type { LogLine, LogOptions } from '../types.js';
import type { Connection } from './connection.js';
import { demux, lines } from './demux.js';
import { classify } from './errors.js';

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\S+Z) (.*)$/s;

/**
 * The container's output as lines. With `follow`, the iterable ends when the container stops or
 * `signal` aborts (an abort ends it quietly, not with an error). With `timestamps`, the engine's
 * RFC 3339 stamp moves from the text into `time`.
 */
export async function* logs(conn: Connection, id: string, opts: LogOptions): AsyncGenerator<LogLine> {
  if (opts.signal?.aborted) return;
  let source: AsyncIterable<Buffer | string>;
  try {
    source = await open(conn, id, opts);
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw classify(err, conn.endpoint, `logs of container ${id}`);
  }
  try {
    for await (const line of lines(demux(source))) yield toLogLine(id, line, opts.timestamps);
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw classify(err, conn.endpoint, `logs of container ${id}`);
  }
}

/**
 * Seconds in a double keep only about a quarter of a microsecond at today's epoch, so the bounds are
 * widened by a microsecond each way: a stamp copied from `-t` output still includes its own line.
 */
function open(conn: Connection, id: string, opts: LogOptions): Promise<AsyncIterable<Buffer | string>> {
  return conn.stream('GET', `/containers/${encodeURIComponent(id)}/logs?${logsQuery(opts)}`, undefined, opts.signal);
}

/** The engine's logs query for `opts` (containers and Swarm services read the same one). */
export function logsQuery(opts: LogOptions): URLSearchParams {
  const query = new URLSearchParams({
    stdout: '1',
    stderr: '1',
    follow: opts.follow ? '1' : '0',
    timestamps: opts.timestamps ? '1' : '0',
  });
  if (opts.tail !== undefined) query.set('tail', String(opts.tail));
  if (opts.since !== undefined) query.set('since', epochText((Math.floor(opts.since * 1e6) - 1) / 1e6));
  if (opts.until !== undefined) query.set('until', epochText((Math.ceil(opts.until * 1e6) + 1) / 1e6));
  return query;
}

/** The engine reads "seconds.nanoseconds"; String(n) could say "1e21" or round the fraction away. */
export function epochText(seconds: number): string {
  const whole = Math.floor(seconds);
  const nanos = Math.round((seconds - whole) * 1e9);
  return nanos >= 1e9 ? `${whole + 1}.000000000` : `${whole}.${String(nanos).padStart(9, '0')}`;
}

function toLogLine(container: string, line: { stream: LogLine['stream']; text: string }, timestamps: boolean): LogLine {
  const m = timestamps ? TIMESTAMP.exec(line.text) : null;
  if (m?.[1] !== undefined && m[2] !== undefined) return { container, stream: line.stream, time: m[1], text: m[2] };
  return { container, stream: line.stream, text: line.text };
}
