import type { EngineEvent } from '../types.js';
import { filtersQuery, type Connection } from './connection.js';
import { jsonLines } from './json-lines.js';
import { projectFilter, WORKLOAD_LABEL } from './labels.js';

/** The other container events that change what an observe shows ("health_status" matches "health_status: healthy"). */
const CHANGES = [
  'create',
  'destroy',
  'rename',
  'pause',
  'unpause',
  'health_status',
  'oom',
  'kill',
  'stop',
  'restart',
  'update',
];

interface RawEvent {
  Action?: string;
  timeNano?: number;
  Actor?: { Attributes?: Record<string, string> };
}

/**
 * The project's container events as they happen (start, die, and the others that change its state). The iterable ends (or throws) when the
 * connection does: a dockerd restart ends it, which is how watch mode learns the engine went away
 * even when no resync tick fell into the second it was gone.
 */
export async function* events(conn: Connection, project: string, signal: AbortSignal): AsyncGenerator<EngineEvent> {
  const filters = { ...projectFilter(project), type: ['container'], event: ['start', 'die', ...CHANGES] };
  const res = await conn.stream('GET', `/events?${filtersQuery(filters)}`, undefined, signal);
  try {
    for await (const raw of jsonLines<RawEvent>(res)) {
      const event = toEvent(raw);
      if (event) yield event;
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}

function toEvent(raw: RawEvent): EngineEvent | undefined {
  const workload = raw.Actor?.Attributes?.[WORKLOAD_LABEL];
  if (!workload || !raw.Action) return undefined;
  const action = raw.Action === 'start' || raw.Action === 'die' ? raw.Action : 'change';
  return { workload, action, timeMs: Math.floor((raw.timeNano ?? 0) / 1e6) };
}
