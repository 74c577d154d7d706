import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { processAlive } from '../../src/process-alive.js';

const run = promisify(execFile);

const SCRIPT = path.join(import.meta.dirname, '../../scripts/swarm.sh');
const MANAGER = 'unix:///run/pond-swarm/1/docker.sock';

/**
 * The 3-node docker-in-docker swarm `scripts/swarm.sh up` builds on the local engine: the Swarm backend's
 * live tests need a real cluster, and node losses they can cause on purpose without touching the shared engine.
 */
export interface SwarmCluster {
  /** The manager's API, for pond and for the docker CLI as witness. */
  dockerHost: string;
  /** Hostnames of the Ready nodes, node 1 (the manager) first. */
  nodes: string[];
  /** `docker kill` of node n; resolves once the manager shows a worker Down. */
  killNode(n: number): Promise<void>;
  /** Starts node n again; resolves once it is Ready in the swarm. */
  startNode(n: number): Promise<void>;
}

let reason = 'the swarm was not looked for yet';

/** Why swarmCluster() returned undefined, for the one line a skipped test prints. */
export function swarmSkipReason(): string {
  return reason;
}

async function script(...args: string[]): Promise<void> {
  await run('bash', [SCRIPT, ...args], { timeout: 180_000 });
}

async function readyNodes(): Promise<string[]> {
  const { stdout } = await run('docker', ['-H', MANAGER, 'node', 'ls', '--format', '{{.Status}} {{.Hostname}}'], {
    timeout: 5_000,
  });
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('Ready '))
    .map((l) => l.slice('Ready '.length))
    .sort();
}

/** The cluster when its manager answers and 3 nodes are Ready, else undefined (see swarmSkipReason()). */
export async function swarmCluster(): Promise<SwarmCluster | undefined> {
  let nodes: string[];
  try {
    nodes = await readyNodes();
  } catch (err) {
    reason = `no swarm manager answers on ${MANAGER} (run: bash scripts/swarm.sh up): ${String(err).split('\n')[0]}`;
    return undefined;
  }
  if (nodes.length !== 3) {
    reason = `the swarm on ${MANAGER} has ${nodes.length} Ready nodes, not 3 (bash scripts/swarm.sh status)`;
    return undefined;
  }
  return {
    dockerHost: MANAGER,
    nodes,
    killNode: (n) => script('kill-node', String(n)),
    startNode: (n) => script('start-node', String(n)),
  };
}

const TURN = '/tmp/pond-swarm-tests.turn';

/**
 * The swarm's test files take turns (each from its beforeAll to its afterAll), as one of them loses
 * a node on purpose, which would fail whatever another had running there. Call it first in the file,
 * so its afterAll runs last. A turn left by a process that is gone is taken over.
 */
export function takeTurnOnSwarm(): void {
  let mine = false;
  beforeAll(async () => {
    // Two scenarios of one file share the process's turn: waiting on our own pid would never end.
    if (turnsHeld > 0) {
      turnsHeld++;
      mine = true;
      return;
    }
    for (;;) {
      try {
        fs.mkdirSync(TURN);
        fs.writeFileSync(`${TURN}/pid`, String(process.pid));
        turnsHeld = 1;
        mine = true;
        return;
      } catch {
        const pid = Number(fs.existsSync(`${TURN}/pid`) ? fs.readFileSync(`${TURN}/pid`, 'utf8').trim() : 0);
        if (pid && !processAlive(os.hostname(), pid)) fs.rmSync(TURN, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }, 900_000);
  afterAll(() => {
    if (!mine) return;
    turnsHeld--;
    if (turnsHeld === 0) fs.rmSync(TURN, { recursive: true, force: true });
  });
}

/** How many scenarios of this process hold the swarm's turn. */
let turnsHeld = 0;
