import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from './proc.js';
import { MANAGER, tasks, type Scope } from './swarm-api.js';
import { swarmComposeYaml, swarmPondYaml } from './swarm-files.js';
import { allReady, type TaskView, type Want } from './swarm-ready.js';

export const SWARM_OPS = ['cold', 'noop', 'change', 'down'] as const;
export type SwarmOp = (typeof SWARM_OPS)[number];

/** Both sides talk to the manager; pond through its Swarm backend. */
export const SWARM_ENV = { DOCKER_HOST: MANAGER, POND_ENGINE: 'swarm' };

/** One tool doing the four operations on its own copy of the quickstart, at a revision of web's env. */
export interface Side {
  name: 'pond' | 'stack';
  scope: Scope;
  /** Volumes of this copy start with this, on whichever node they are. */
  volumePrefix: string;
  run(op: SwarmOp, rev: number): Promise<void>;
  /** What the tool printed in its last op, for the report when the swarm disagrees with it. */
  output: string;
  /** Removes the volumes too; outside the timings. */
  purge(): Promise<void>;
  remove(): Promise<void>;
}

/** What the quickstart looks like when up at `rev`: db and web running (healthy), web at rev, seed completed. */
export function wantAt(rev: number): Want {
  return { running: [{ workload: 'db' }, { workload: 'web', env: `REV=${rev}` }], completed: ['seed'] };
}

/** Polls the scope's tasks every 100 ms until `done`; returns every task seen, for counting attempts. */
export async function waitTasks(scope: Scope, done: (t: TaskView[]) => boolean, timeoutS = 180): Promise<TaskView[]> {
  const seen: TaskView[] = [];
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const now = await tasks(scope);
    seen.push(...now);
    if (done(now)) return seen;
    if (Date.now() > deadline) throw new Error(`${scope.value}: not ready after ${timeoutS} s: ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** pond as a user runs it on a swarm: a fresh `node bin/pond` per operation in the project's folder. */
export async function pondSide(root: string, project: string): Promise<Side> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${project}-`));
  const file = path.join(dir, 'pond.yaml');
  const pond = (...args: string[]): Promise<string> =>
    run(process.execPath, [path.join(root, 'bin', 'pond'), '-f', file, ...args], SWARM_ENV);
  const side: Side = {
    name: 'pond',
    scope: { label: 'dev.pond.project', value: project, prefix: `${project}-` },
    volumePrefix: `${project}_`,
    output: '',
    async run(op, rev) {
      await writeFile(file, swarmPondYaml(project, rev));
      side.output = await (op === 'down' ? pond('down') : pond('up'));
    },
    purge: () => pond('down', '--volumes', '--yes').then(() => undefined),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  return side;
}

/** `docker stack deploy` of the equivalent compose file, then polling until it has converged. */
export async function stackSide(stack: string): Promise<Side> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${stack}-`));
  const file = path.join(dir, 'docker-compose.yml');
  const docker = (...args: string[]): Promise<string> => run('docker', args, { DOCKER_HOST: MANAGER });
  const scope: Scope = { label: 'com.docker.stack.namespace', value: stack, prefix: `${stack}_` };
  const gone = async (): Promise<void> => {
    await waitTasks(scope, (t) => t.length === 0);
    for (;;) {
      const nets = await docker('network', 'ls', '-q', '--filter', `label=${scope.label}=${stack}`);
      if (!nets.trim()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    name: 'stack',
    scope,
    volumePrefix: `${stack}_`,
    output: '',
    async run(op, rev) {
      await writeFile(file, swarmComposeYaml(rev));
      if (op === 'down') {
        await docker('stack', 'rm', stack);
        return gone();
      }
      await docker('stack', 'deploy', '-c', file, stack);
      await waitTasks(scope, (t) => allReady(t, wantAt(rev)));
    },
    async purge() {
      await docker('stack', 'rm', stack).catch(() => undefined);
      await gone();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
