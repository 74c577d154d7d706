import fs from 'node:fs/promises';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import { observedFrom } from '../../support/fixtures.js';
import { errorsOf, tempProject } from '../../support/project.js';

const setup = (workloads: string, files: Record<string, string | Uint8Array> = { 'bot/main.py': 'print(1)\n' }) =>
  tempProject(workloads, files);

describe('kind: bot', () => {
  it.each([
    ['python3.11', 'python:3.11-slim', 'main.py', 'python3'],
    ['python3.12', 'python:3.12-slim', 'main.py', 'python3'],
    ['node20', 'node:20-slim', 'index.js', 'node'],
    ['node22', 'node:22-slim', 'index.js', 'node'],
  ])(
    '%s: the official image, code read-only at /app, the default entry file, a writable work dir',
    async (runtime, image, entry, interpreter) => {
      const { dir, load } = await setup(`  b:\n    kind: bot\n    runtime: ${runtime}\n    code: ./bot\n`, {
        [`bot/${entry}`]: 'x',
      });
      const { spec, desired, scheduled } = await load();
      const b = spec.workloads[0]!;
      expect(b.kind).toBe('bot');
      expect(b.image).toBe(image);
      expect(b.mounts).toEqual([{ type: 'bind', source: path.join(dir, 'bot'), target: '/app', readOnly: true }]);
      expect(b.entrypoint).toEqual([
        'sh',
        '-c',
        `mkdir -p /pond/work && printf '%s' "$POND_CONFIG" > /pond/config.json && cd /pond/work && exec ${interpreter} /app/${entry}`,
      ]);
      expect(b.env.POND_CONFIG).toBe('{}');
      expect(b.env.POND_CODE_HASH).toMatch(/^[0-9a-f]{16}$/);
      expect(b.restart).toBe('on-failure');
      expect(b.init).toBe(true);
      expect(desired.containers.map((c) => c.workload)).toEqual(['b']);
      expect(scheduled).toEqual([]);
    },
  );

  it('config: canonical JSON in POND_CONFIG; a secret interpolated into it stays hidden', async () => {
    const { load } = await setup(
      `  b:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    config: { symbol: BTC, limits: { max: 3 } }\n    env: { EXTRA: "1" }\n`,
    );
    const { spec } = await load();
    expect(spec.workloads[0]!.env).toMatchObject({
      POND_CONFIG: '{"limits":{"max":3},"symbol":"BTC"}',
      EXTRA: '1',
      PYTHONUNBUFFERED: '1',
    });
  });

  it('the spec hash changes when the code or the config changes, and not when nothing does', async () => {
    const { dir, load } = await setup(
      `  b:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    config: { k: 1 }\n`,
    );
    const hash = async () => (await load()).desired.containers[0]!.hash;
    const first = await hash();
    expect(await hash()).toBe(first);
    await fs.utimes(path.join(dir, 'bot/main.py'), new Date(1), new Date(1));
    expect(await hash()).toBe(first);
    await fs.writeFile(path.join(dir, 'bot/main.py'), 'print(2)\n');
    const edited = await hash();
    expect(edited).not.toBe(first);
    await fs.writeFile(
      path.join(dir, 'pond.yaml'),
      (await fs.readFile(path.join(dir, 'pond.yaml'), 'utf8')).replace('k: 1', 'k: 2'),
    );
    expect(await hash()).not.toBe(edited);
  });

  it('a .zip is mounted from its extraction folder under .pond/code, keyed by content', async () => {
    const zip = zipSync({ 'index.js': strToU8('console.log(1)') });
    const { dir, load } = await setup(`  b:\n    kind: bot\n    runtime: node22\n    code: ./bot.zip\n`, {
      'bot.zip': zip,
    });
    const b = (await load()).spec.workloads[0]!;
    expect(b.bot!.code.zip).toBe(true);
    expect(b.mounts[0]).toMatchObject({ type: 'bind', target: '/app', readOnly: true });
    expect((b.mounts[0] as { source: string }).source).toBe(
      path.join(dir, '.pond/code/b', b.env.POND_CODE_HASH!.slice(0, 16)),
    );
  });

  it('scheduled: no long-running container; the run template never restarts; defaults for concurrency, history, run_on_up', async () => {
    const { load } = await setup(
      `  s:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    schedule: "*/5 * * * *"\n    results: out.json\n`,
    );
    const { desired, scheduled, spec } = await load();
    expect(desired.containers).toEqual([]);
    expect(desired.order).toEqual([]);
    expect(scheduled.map((c) => [c.workload, c.spec.restart])).toEqual([['s', 'no']]);
    expect(spec.workloads[0]!.bot).toMatchObject({
      schedule: '*/5 * * * *',
      concurrency: 'forbid',
      history: 20,
      runOnUp: true,
      results: '/pond/work/out.json',
    });
  });

  it("made scheduled, a long-running bot's container is removed (not kept as an orphan); its past runs stay out of the plan", async () => {
    const bot = '  s:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n';
    const { dir, load } = await setup(bot);
    const before = await load();
    const observed = observedFrom(before.desired);
    await fs.writeFile(
      path.join(dir, 'pond.yaml'),
      `version: 1\nname: demo\nworkloads:\n${bot}    schedule: "*/5 * * * *"\n`,
    );
    const plan = reconcile((await load()).desired, observed, {
      forceRecreate: false,
      noRecreate: false,
      removeOrphans: false,
      wait: true,
    });
    expect(plan.steps.map((s) => `${s.action} ${s.name}: ${s.cause}`)).toEqual([
      'remove s: now runs on a schedule: no standing container',
    ]);
    expect(plan.orphans).toEqual([]);
  });

  it('located errors: a bad cron expression, a missing code folder, a missing entry file, waiting on a scheduled bot', async () => {
    const bad = await setup(
      `  a:\n    kind: bot\n    runtime: node22\n    code: ./bot\n    entrypoint: main.py\n    schedule: "61 * * * *"\n  b:\n    kind: bot\n    runtime: node22\n    code: ./nope\n  c:\n    kind: bot\n    runtime: node22\n    code: ./bot\n`,
    );
    expect(await errorsOf(bad.load())).toEqual([
      '9:15 cron: schedule "61 * * * *" is not a cron expression: Invalid value for minute: 61',
      '13:11 bot-code: code "./nope" does not exist',
      '14:3 bot-entrypoint: the entry file "index.js" is not in ./bot',
    ]);
    const dep = await setup(
      `  s:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    schedule: "* * * * *"\n  app:\n    image: busybox:1.35\n    depends_on: [s]\n`,
    );
    expect(await errorsOf(dep.load())).toEqual([
      '11:5 depends-on-scheduled: "s" is a scheduled bot: it has no container to wait for between runs',
    ]);
  });

  it('the schema refuses an entry file that would need quoting or escapes the code folder', async () => {
    const { load } = await setup(
      `  b:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    entrypoint: "../x.py; rm -rf /"\n`,
    );
    expect((await errorsOf(load())).join('\n')).toMatch(/^8:17 pattern: /);
  });
});
