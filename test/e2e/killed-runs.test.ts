import { beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { scenario, type Scenario } from './helpers/scenario.js';

const bot = scenario('killed-runs', { folder: 'killed-runs/bot' });
const query = scenario('killed-runs-q', { folder: 'killed-runs/query' });
const runs = async (p: string): Promise<string[]> =>
  (await docker('ps', '-aq', '--filter', `label=dev.pond.project=${p}`, '--filter', 'label=dev.pond.run'))
    .split('\n')
    .filter(Boolean);

beforeAll(async () => {
  await waitForImage('node:22-slim');
});

/** Starts pond, waits until its run container is running, then kills pond the way OOM killers and `kill -9` do. */
async function killWhileRunning(args: string[], s: Scenario): Promise<string> {
  const child = s.start(args);
  const id = await eventually(
    async () => {
      const [only] = await runs(s.project);
      expect(await docker('inspect', '-f', '{{.State.Running}}', only!)).toBe('true');
      return only!;
    },
    { timeoutMs: 60_000 },
  );
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  return id;
}

describe('a killed pond query / pond run leaves no container running without a deadline', () => {
  it('a killed pond query: the container ends itself at its timeout (exit 124)', async () => {
    const id = await killWhileRunning(['query', 'slow', '--timeout', '2s'], query);
    expect(await docker('wait', id)).toBe('124');
  });

  it("pond's next up removes a run whose pond process is gone, naming it in the plan", async () => {
    const id = await killWhileRunning(['run', 'ticker'], bot);
    const plan = await bot.pond(['plan']);
    expect(plan.stdout).toMatch(/- container ticker +a run whose pond process is gone/);
    const up = await bot.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    await expect(docker('inspect', id)).rejects.toThrow();
  });
});
