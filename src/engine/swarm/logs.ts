import type { LogLine, LogOptions } from '../types.js';
import type { Connection } from '../docker/connection.js';
import { demux, lines } from '../docker/demux.js';
import { classify } from '../docker/errors.js';
import { logsQuery } from '../docker/logs.js';
import { isCarried } from './carried-files.js';

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\S+Z) (.*)$/s;

/**
 * A service's (or one task's) output from every node it ran on, as the manager gathers it. Same
 * shape as the Docker backend's: `follow` ends on abort, `timestamps` moves the stamp into `time`.
 * The lines a run's carrier printed (its result files) are left out unless `carried`.
 */
export async function* serviceLogs(
  conn: Connection,
  id: string,
  opts: LogOptions,
  of: 'services' | 'tasks' = 'services',
  carried = false,
): AsyncGenerator<LogLine> {
  if (opts.signal?.aborted) return;
  // A service's log query takes no `until`: lines past it are dropped here instead.
  const query = logsQuery({ ...opts, until: undefined });
  try {
    const source = await conn.stream('GET', `/${of}/${encodeURIComponent(id)}/logs?${query}`, undefined, opts.signal);
    for await (const line of lines(demux(source))) {
      const m = opts.timestamps ? TIMESTAMP.exec(line.text) : null;
      const time = m?.[1];
      if (opts.until !== undefined && time && Date.parse(time) / 1000 > opts.until) continue;
      if (!carried && isCarried(m?.[2] ?? line.text)) continue;
      yield m && time !== undefined
        ? { container: id, stream: line.stream, time, text: m[2] ?? '' }
        : { container: id, stream: line.stream, text: line.text };
    }
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw classify(err, conn.endpoint, `logs of service ${id}`);
  }
}

/** The last lines a service printed, for a failure message; empty when they cannot be read. */
export async function lastLines(conn: Connection, id: string, n = 10): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const l of serviceLogs(conn, id, { follow: false, tail: n, timestamps: false })) out.push(l.text);
  } catch {
    return out;
  }
  return out.slice(-n);
}
