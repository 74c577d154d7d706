import { LABEL } from '../../labels.js';
import type { TaskSpec } from '../types.js';
import { filtersQuery, type Connection } from '../docker/connection.js';
import { statusOf } from '../docker/errors.js';

/**
 * Creates a Swarm secret or config named after its content, for service `spec.name` (`ofLabel`
 * says so, for pruning), labelled with the project and checkout; one of that name already there has
 * that content, so its id is the answer.
 */
export async function ensureNamed(
  conn: Connection,
  kind: 'secrets' | 'configs',
  name: string,
  data: Buffer,
  spec: TaskSpec,
  ofLabel: string,
): Promise<string> {
  const labels = {
    ...(spec.labels[LABEL.project] !== undefined && { [LABEL.project]: spec.labels[LABEL.project] }),
    ...(spec.labels[LABEL.identity] !== undefined && { [LABEL.identity]: spec.labels[LABEL.identity] }),
    [ofLabel]: spec.name,
  };
  try {
    const created = await conn.call<{ ID: string }>('POST', `/${kind}/create`, {
      Name: name,
      Labels: labels,
      Data: data.toString('base64'),
    });
    return created.ID;
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    const found = await conn.getJson<{ ID: string; Spec: { Name: string } }[]>(
      `/${kind}?${filtersQuery({ name: [name] })}`,
    );
    const id = found.find((s) => s.Spec.Name === name)?.ID;
    if (!id) throw err;
    return id;
  }
}
