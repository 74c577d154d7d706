import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

interface Run {
  id: string;
  trigger: string;
  exit_code?: number;
  started: string;
}

const runsOf = async (dir: string, bot: string): Promise<Run[]> => JSON.parse((await pond(['runs', bot, '--format', 'json'], { cwd: dir })).stdout).runs;

describe('a scheduled bot run on up is a step of the plan', () => {
  const project = uniqueProject('hs-e2e-steps');
  afterAll(async () => {
    await cleanupProject(project);
  });

  it('plan --format json lists it with its reason and need, and up runs it only once what it depends on is healthy', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1
name: ${project}
workloads:
  svc:
    image: busybox:1.35
    command: [sh, -c, "sleep 2; touch /tmp/ready; exec sleep 3600"]
    health: { exec: [test, -f, /tmp/ready], interval: 1s, timeout: 1s, retries: 30 }
  report:
    kind: bot
    runtime: node22
    code: ./bots/report
    schedule: "0 3 * * *"
    depends_on: { svc: healthy }
`,
      'bots/report/index.js': `console.log('report ran');\n`,
    });
    const plan = JSON.parse((await pond(['plan', '--format', 'json'], { cwd: dir })).stdout);
    const step = plan.steps.find((s: { id: string }) => s.id === 'bot:report');
    expect(step).toMatchObject({ action: 'run', resource: 'bot', name: 'report', cause: 'it never ran', reason: 'scheduled-run-on-up', needs: expect.arrayContaining([{ step: 'container:svc', condition: 'healthy' }]) });

    const up = await pond(['up'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const [run] = await runsOf(dir, 'report');
    expect(run).toMatchObject({ trigger: 'up', exit_code: 0 });
    const svcStarted = Date.parse(await docker('inspect', '-f', '{{.State.StartedAt}}', `${project}-svc`));
    expect(Date.parse(run!.started) - svcStarted).toBeGreaterThanOrEqual(2000);
    expect(await fs.readFile(path.join(dir, '.pond/runs/report', run!.id, 'logs.txt'), 'utf8')).toMatch(/report ran/);
  });
});
