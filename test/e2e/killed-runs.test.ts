import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject, waitForImage } from '../integration/helpers/docker.js';
import { pond, pondProcess, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-killed');
const queries = `${project}-q`;
const stack = `version: 1
name: ${project}
workloads:
  ticker:
    kind: bot
    runtime: node22
    code: ./bots/ticker
    schedule: "0 3 * * *"
    run_on_up: false
`;
/** A query that runs far longer than any test: only its deadline ends it. */
const slow = `version: 1
name: ${queries}
workloads:
  slow:
    kind: query
    sql: "SELECT sum(hash(i)) FROM range(100000000000) t(i)"
    output: { path: out/slow.json }
    timeout: 5m
`;
let dir: string;
let queryDir: string;
const runs = async (p: string): Promise<string[]> => (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${p}`, '--filter', 'label=dev.pond.run')).split('\n').filter(Boolean);

beforeAll(async () => {
  await waitForImage('node:22-slim');
  dir = await projectDir({ 'pond.yaml': stack, 'bots/ticker/index.js': 'setInterval(() => console.log("tick"), 1000);\n' });
  queryDir = await projectDir({ 'pond.yaml': slow });
});
afterAll(async () => Promise.all([cleanupProject(project), cleanupProject(queries)]));

/** Starts pond, waits until its run container is running, then kills pond the way OOM killers and `kill -9` do. */
async function killWhileRunning(args: string[], cwd: string, p: string): Promise<string> {
  const child = pondProcess(args, { cwd });
  const id = await eventually(async () => {
    const [only] = await runs(p);
    expect(await docker('inspect', '-f', '{{.State.Running}}', only!)).toBe('true');
    return only!;
  }, { timeoutMs: 60_000 });
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  return id;
}

describe('a killed pond query / pond run leaves no container running without a deadline', () => {
  it('a killed pond query: the container ends itself at its timeout (exit 124)', async () => {
    const id = await killWhileRunning(['query', 'slow', '--timeout', '2s'], queryDir, queries);
    expect(await docker('wait', id)).toBe('124');
  });

  it("pond's next up removes a run whose pond process is gone, naming it in the plan", async () => {
    const id = await killWhileRunning(['run', 'ticker'], dir, project);
    const plan = await pond(['plan'], { cwd: dir });
    expect(plan.stdout).toMatch(/- container ticker +a run whose pond process is gone/);
    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    await expect(docker('inspect', id)).rejects.toThrow();
  });
});
