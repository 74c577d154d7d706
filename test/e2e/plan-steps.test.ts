import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

interface Run {
  id: string;
  trigger: string;
  exit_code?: number;
  started: string;
}

const s = scenario('plan-steps');
const runsOf = async (bot: string): Promise<Run[]> =>
  JSON.parse((await s.pond(['runs', bot, '--format', 'json'])).stdout).runs;

describe('a scheduled bot run on up is a step of the plan', () => {
  it('plan --format json lists it with its reason and need, and up runs it only once what it depends on is healthy', async () => {
    const plan = JSON.parse((await s.pond(['plan', '--format', 'json'])).stdout);
    const step = plan.steps.find((s: { id: string }) => s.id === 'bot:report');
    expect(step).toMatchObject({
      action: 'run',
      resource: 'bot',
      name: 'report',
      cause: 'it never ran',
      reason: 'scheduled-run-on-up',
      needs: expect.arrayContaining([{ step: 'container:svc', condition: 'healthy' }]),
    });

    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    const [run] = await runsOf('report');
    expect(run).toMatchObject({ trigger: 'up', exit_code: 0 });
    const svcStarted = Date.parse(await docker('inspect', '-f', '{{.State.StartedAt}}', `${s.project}-svc`));
    expect(Date.parse(run!.started) - svcStarted).toBeGreaterThanOrEqual(2000);
    expect(await fs.readFile(s.at('.pond/runs/report', run!.id, 'logs.txt'), 'utf8')).toMatch(/report ran/);
  });
});
