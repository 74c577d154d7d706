import type Docker from 'dockerode';
import type { Op } from './ops.js';
import { REV_VAR, changedService, serviceNames } from './stack.js';
import type { Tool } from './tool.js';

/** service → container id, for checking which containers an operation kept or replaced. */
export type Ids = Map<string, string>;

/** An operation left the engine in a state other than the one it promised. */
export class StateError extends Error {}

function check(ok: boolean, tool: Tool, op: Op, message: string): void {
  if (!ok) throw new StateError(`${tool.name} ${op}: ${message}`);
}

async function networkExists(docker: Docker, name: string): Promise<boolean> {
  const listed = await docker.listNetworks({ filters: { name: [name] } });
  return listed.some((n) => n.Name === name);
}

async function attached(docker: Docker, name: string): Promise<number> {
  const info = (await docker.getNetwork(name).inspect()) as { Containers?: Record<string, unknown> };
  return Object.keys(info.Containers ?? {}).length;
}

/**
 * Checks the engine after `op` and returns the ids now in place: after cold, noop and change
 * exactly N running containers (one per service) and the network; noop and plan keep every id; change
 * replaces exactly the changed service's container, which then carries the new revision; down
 * leaves no container and no network. A network left after down with nothing attached is dockerd's
 * stale-endpoint quirk (DESIGN §7): it is pushed to `quirks` instead of failing the run.
 */
export async function verify(
  docker: Docker,
  tool: Tool,
  op: Op,
  n: number,
  rev: number,
  before: Ids,
  quirks: string[],
): Promise<Ids> {
  const listed = await docker.listContainers({ all: true, filters: { label: [tool.selector] } });
  const hasNetwork = await networkExists(docker, tool.network);
  if (op === 'down') {
    check(listed.length === 0, tool, op, `${listed.length} container(s) left`);
    if (hasNetwork) {
      check(
        (await attached(docker, tool.network)) === 0,
        tool,
        op,
        `network ${tool.network} left with containers attached`,
      );
      quirks.push(`${tool.name} down: engine kept network ${tool.network} ("has active endpoints", none attached)`);
    }
    return new Map();
  }
  const ids: Ids = new Map(listed.map((c) => [c.Labels[tool.serviceLabel] ?? '?', c.Id]));
  const expected = serviceNames(n);
  check(
    listed.length === n && expected.every((s) => ids.has(s)),
    tool,
    op,
    `expected services ${expected.join(',')}, saw ${[...ids.keys()].join(',')}`,
  );
  check(
    listed.every((c) => c.State === 'running'),
    tool,
    op,
    `not all running: ${listed.map((c) => c.State).join(',')}`,
  );
  check(hasNetwork, tool, op, `network ${tool.network} missing`);
  if (op === 'noop' || op === 'plan')
    check(
      expected.every((s) => ids.get(s) === before.get(s)),
      tool,
      op,
      'a container was replaced',
    );
  if (op === 'change') await verifyChange(docker, tool, n, rev, before, ids);
  return ids;
}

async function verifyChange(docker: Docker, tool: Tool, n: number, rev: number, before: Ids, ids: Ids): Promise<void> {
  const target = changedService(n);
  const replaced = serviceNames(n).filter((s) => ids.get(s) !== before.get(s));
  check(
    replaced.length === 1 && replaced[0] === target,
    tool,
    'change',
    `expected only ${target} replaced, got [${replaced.join(',')}]`,
  );
  const env = (await docker.getContainer(ids.get(target)!).inspect()).Config.Env;
  check(env.includes(`${REV_VAR}=${rev}`), tool, 'change', `${target} does not carry ${REV_VAR}=${rev}`);
}
