import { beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { type PondRun } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const bot = scenario('bot-config-secrets');
const { project } = bot;
const TOKEN = 'tok-PLANTED-7f3a9c';
const outputs: PondRun[] = [];
const run = async (args: string[]): Promise<PondRun> => {
  const r = await bot.pond(args);
  outputs.push(r);
  return r;
};
const name = `${project}-trader`;

beforeAll(async () => {
  await waitForImage('python:3.11-slim');
  const up = await run(['up']);
  expect(up.code, up.stderr).toBe(0);
}, 180_000);

describe("a bot's config secrets never reach an output", () => {
  it('the bot receives the real values (POND_CONFIG and /pond/config.json)', async () => {
    await eventually(async () => expect(await docker('logs', name)).toContain('token ok'));
  });

  it('the container labels (dev.pond.spec included) hold neither planted value', async () => {
    const [c] = JSON.parse(await docker('inspect', name)) as {
      Config: { Labels: Record<string, string>; Env: string[] };
    }[];
    expect((JSON.parse(c!.Config.Labels['dev.pond.spec']!) as { config: unknown }).config).toMatchObject({
      symbol: 'BTC',
      api_token: expect.stringMatching(/^\(sensitive\)/),
    });
    expect(JSON.stringify(c!.Config.Labels)).not.toContain('PLANTED');
    const { Env, ...rest } = c!.Config;
    expect(Env.find((e) => e.startsWith('POND_CONFIG='))).toContain(TOKEN);
    const inspectedWithoutEnv = JSON.stringify({ ...c, Config: rest });
    expect(inspectedWithoutEnv).not.toContain('PLANTED');
  });

  it('pond config (text and JSON) shows them as (sensitive)', async () => {
    const text = await run(['config']);
    const json = await run(['config', '--format', 'json']);
    expect(text.code).toBe(0);
    const cfg = JSON.parse(json.stdout) as { workloads: { trader: { config: Record<string, unknown> } } };
    expect(cfg.workloads.trader.config).toEqual({
      symbol: 'BTC',
      api_token: '(sensitive)',
      exchange: { credentials: { secret: '(sensitive)' } },
    });
    expect(text.stdout + json.stdout).not.toContain('PLANTED');
  });

  it('a changed secret shows in the plan only as "(sensitive) changed"', async () => {
    bot.use('changed');
    const plan = await run(['plan', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const steps = (JSON.parse(plan.stdout) as { steps: { name: string; changes: string[] }[] }).steps;
    expect(steps.find((s) => s.name === 'trader')!.changes).toEqual(['config.api_token: (sensitive) changed']);
    const text = await run(['plan']);
    expect(text.stdout).toContain('config.api_token: (sensitive) changed');
  });

  it('no pond output of this file (up, config, plan; stdout and stderr) contains a planted value', async () => {
    await run(['ps', '--format', 'json']);
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain('PLANTED');
  });
});
