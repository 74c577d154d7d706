import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBot } from '../../../src/bots/run.js';
import { scheduledBots } from '../../../src/bots/schedule-view.js';
import { listRecords } from '../../../src/bots/store.js';
import { loadProject } from '../../../src/pipeline.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import { tempDir } from '../../support/temp-dir.js';

async function project(extra = '') {
  const dir = tempDir('pond-botrun-');
  await fs.mkdir(path.join(dir, 'bot'));
  await fs.writeFile(path.join(dir, 'bot/index.js'), 'x');
  await fs.writeFile(
    path.join(dir, 'pond.yaml'),
    `version: 1\nname: demo\nworkloads:\n  s:\n    kind: bot\n    runtime: node22\n    code: ./bot\n    schedule: "*/5 * * * *"\n    results: /pond/work/out.json\n${extra}`,
  );
  return { dir, project: await loadProject([path.join(dir, 'pond.yaml')], {}) };
}

describe('runBot bookkeeping (in-memory engine: the engine calls, not Docker, are under test)', () => {
  it('one labelled container, results copied, run.json with exit code, the container removed', async () => {
    const { dir, project: p } = await project();
    const engine = new MemoryEngine(['node:22-slim']);
    engine.exitCodes.set('s', 3);
    let name = '';
    const origCreate = engine.createWorkload.bind(engine);
    engine.createWorkload = async (spec) => {
      name = spec.name;
      engine.files.set(`${spec.name}:/pond/work/out.json`, Buffer.from('{"pnl":1}'));
      expect(spec.labels['dev.pond.run']).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{4}$/);
      expect(spec.restart).toBe('no');
      return origCreate(spec);
    };
    const r = await runBot(engine, p, 's', { trigger: 'manual' });
    expect(name).toBe(`demo-s-run-${r.id}`);
    expect(r).toMatchObject({
      bot: 's',
      trigger: 'manual',
      exit_code: 3,
      result_file: 'out.json',
      hash: p.scheduled[0]!.hash,
    });
    expect(await fs.readFile(path.join(dir, '.pond/runs/s', r.id, 'out.json'), 'utf8')).toBe('{"pnl":1}');
    expect(JSON.parse(await fs.readFile(path.join(dir, '.pond/runs/s', r.id, 'run.json'), 'utf8'))).toEqual(r);
    expect(engine.containers.size).toBe(0);
    expect(engine.mutatingCalls).toEqual([
      'createNetwork demo_default',
      `create ${name}`,
      `start ${name}`,
      `remove ${name}`,
    ]);
  });

  it('keeps only `history` runs; up runs the bot again only when its spec changed', async () => {
    const { project: p } = await project('    history: 2\n');
    const engine = new MemoryEngine(['node:22-slim']);
    expect(scheduledBots(p, new Date())[0]!.run_on_up).toBe('it never ran');
    for (let i = 0; i < 4; i++) await runBot(engine, p, 's', { trigger: 'schedule' });
    expect(listRecords(p.spec.dir, 's')).toHaveLength(2);
    expect(scheduledBots(p, new Date())[0]!.run_on_up).toBeUndefined();
    const changed = { ...p, scheduled: [{ ...p.scheduled[0]!, hash: 'other' }] };
    expect(scheduledBots(changed, new Date())[0]!.run_on_up).toMatch(/^its spec changed since run /);
  });
});
