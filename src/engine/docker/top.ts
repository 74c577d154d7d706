import type { ProcessList } from '../types.js';
import type { Connection } from './connection.js';
import { classify } from './errors.js';

interface RawTop {
  Titles?: string[] | null;
  Processes?: string[][] | null;
}

/** The engine runs `ps` in the container's PID namespace (`GET /containers/{id}/top`); a stopped container answers 409. */
export async function top(conn: Connection, id: string): Promise<ProcessList> {
  try {
    const raw = await conn.getJson<RawTop>(`/containers/${encodeURIComponent(id)}/top`);
    return { titles: raw.Titles ?? [], processes: raw.Processes ?? [] };
  } catch (err) {
    throw classify(err, conn.endpoint, `processes of container ${id}`);
  }
}
