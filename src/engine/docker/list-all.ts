import type { ObservedWorkload } from '../types.js';
import { filtersQuery, type Connection } from './connection.js';
import { classify } from './errors.js';
import { PROJECT_LABEL } from './labels.js';
import { toObservedContainer, type ListedContainer } from './observe.js';

/** One list call filtered on the presence of the project label: every project's containers at once. */
export async function listPondContainers(conn: Connection): Promise<ObservedWorkload[]> {
  try {
    const listed = await conn.getJson<ListedContainer[]>(
      `/containers/json?all=1&${filtersQuery({ label: [PROJECT_LABEL] })}`,
    );
    return listed.map(toObservedContainer);
  } catch (err) {
    throw classify(err, conn.endpoint, 'list pond containers');
  }
}
