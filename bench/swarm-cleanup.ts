import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { run } from './proc.js';
import { liveNodes, manager, removeVolumes } from './swarm-api.js';
import { SWARM_ENV } from './swarm-sides.js';

/** Every pond project (`pond-sb-*`) and stack (`pondsb*`) this bench may make, and nothing else. */
export const POND_PREFIX = 'pond-sb-';
export const STACK_PREFIX = 'pondsb';

/** pond-sb-* projects still on the swarm, with the folder each was made from (pond refuses other folders). */
async function pondProjects(): Promise<Map<string, string>> {
  const filters = { label: ['dev.pond.project'] };
  const objects = [
    ...(await manager.listServices({ filters })).map((s) => s.Spec?.Labels ?? {}),
    ...(await manager.listNetworks({ filters })).map((n) => n.Labels ?? {}),
  ];
  const found = new Map<string, string>();
  for (const l of objects) {
    const name = l['dev.pond.project'] ?? '';
    if (name.startsWith(POND_PREFIX)) found.set(name, l['dev.pond.project-dir'] ?? '');
  }
  return found;
}

async function containersLeft(): Promise<number> {
  let n = 0;
  for (const { engine } of await liveNodes()) {
    const cs = await engine.listContainers({ all: true });
    n += cs.filter((c) =>
      c.Names.some((x) => x.startsWith(`/${POND_PREFIX}`) || x.startsWith(`/${STACK_PREFIX}`)),
    ).length;
  }
  return n;
}

/**
 * Removes every pond-sb-* project with `pond down --volumes --yes` from its own folder, every pondsb*
 * stack with `docker stack rm`, then, once their containers are gone, their volumes on every node.
 * Returns what needed removing, so a run can say it started from a dirty swarm.
 */
export async function swarmCleanup(root: string): Promise<string[]> {
  const done: string[] = [];
  for (const [project, dir] of await pondProjects()) {
    const cwd = dir || path.join('/tmp', project);
    await mkdir(cwd, { recursive: true });
    const pond = [
      path.join(root, 'bin', 'pond'),
      '--project-directory',
      cwd,
      '-p',
      project,
      'down',
      '--volumes',
      '--yes',
    ];
    await run(process.execPath, pond, SWARM_ENV).catch((e: Error) => done.push(`pond down ${project}: ${e.message}`));
    done.push(`project ${project}`);
  }
  const stacks = (await run('docker', ['stack', 'ls', '--format', '{{.Name}}'], SWARM_ENV)).split('\n');
  for (const s of stacks.filter((x) => x.startsWith(STACK_PREFIX))) {
    await run('docker', ['stack', 'rm', s], SWARM_ENV);
    done.push(`stack ${s}`);
  }
  const deadline = Date.now() + 60_000;
  while ((await containersLeft()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await removeVolumes(POND_PREFIX);
  await removeVolumes(STACK_PREFIX);
  return done;
}
