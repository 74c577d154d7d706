import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BotScheduler } from '../../../src/bots/scheduler.js';
import { listRecords } from '../../../src/bots/store.js';
import type { Output } from '../../../src/cli/output.js';
import { loadProject } from '../../../src/pipeline.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import type { TaskSpec } from '../../../src/engine/types.js';
import { tempDir } from '../../support/temp-dir.js';

async function setup(concurrency: string, runOnUp = false) {
  const dir = tempDir('pond-sched-');
  await fs.mkdir(path.join(dir, 'bot'));
  await fs.writeFile(path.join(dir, 'bot/main.py'), 'x');
  await fs.writeFile(
    path.join(dir, 'pond.yaml'),
    `version: 1\nname: demo\nworkloads:\n  s:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    schedule: "*/5 * * * *"\n    concurrency: ${concurrency}\n    run_on_up: ${runOnUp}\n`,
  );
  const project = await loadProject([path.join(dir, 'pond.yaml')], {});
  const lines: string[] = [];
  const out: Output = {
    tty: false,
    color: false,
    out: () => undefined,
    err: () => undefined,
    log: (l) => lines.push(l),
  };
  let now = new Date('2025-01-01T00:04:00Z');
  const engine = new MemoryEngine(['python:3.11-slim']);
  const scheduler = new BotScheduler({ engine, out, project: () => project, now: () => now });
  return { dir, lines, scheduler, engine, at: (t: string) => (now = new Date(`2025-01-01T${t}Z`)) };
}

describe('the watch-mode scheduler (in-memory engine, clock given)', () => {
  it('fires when a fire time passes, not before, and folds missed fire times into one run', async () => {
    const { dir, scheduler, at } = await setup('forbid');
    scheduler.tick();
    at('00:04:59');
    scheduler.tick();
    expect(listRecords(dir, 's')).toEqual([]);
    at('00:05:00');
    scheduler.tick();
    await scheduler.stop();
    expect(listRecords(dir, 's').map((r) => r.trigger)).toEqual(['schedule']);
  });

  it('forbid: a due run is skipped while one is still going', async () => {
    const { dir, scheduler, lines, at } = await setup('forbid');
    scheduler.tick();
    at('00:05:00');
    scheduler.tick();
    at('00:10:00');
    scheduler.tick();
    await scheduler.stop();
    expect(listRecords(dir, 's')).toHaveLength(1);
    expect(
      lines.some((l) => /skipped the 2025-01-01 00:10:00Z run: run \S+ is still going \(concurrency: forbid\)/.test(l)),
    ).toBe(true);
  });

  it('allow: a due run starts beside the one still going', async () => {
    const { dir, scheduler, at } = await setup('allow');
    scheduler.tick();
    at('00:05:00');
    scheduler.tick();
    at('00:10:00');
    scheduler.tick();
    await scheduler.stop();
    expect(listRecords(dir, 's')).toHaveLength(2);
  });

  it('a bot that never ran is run once on the first look when run_on_up holds', async () => {
    const { dir, scheduler } = await setup('forbid', true);
    scheduler.tick();
    scheduler.tick();
    await scheduler.stop();
    expect(listRecords(dir, 's').map((r) => r.trigger)).toEqual(['up']);
  });

  it("forbid: a due run is skipped while another process's run of the bot is going (the engine shows it)", async () => {
    const { dir, scheduler, lines, engine, at } = await setup('forbid');
    await engine.startWorkload(await engine.createWorkload(otherRun('r-other')));
    scheduler.tick();
    at('00:05:00');
    scheduler.tick();
    await scheduler.stop();
    expect(listRecords(dir, 's')).toEqual([]);
    expect(
      lines.some((l) => /skipped the run \(due at .*\): run r-other is still going \(concurrency: forbid\)/.test(l)),
    ).toBe(true);
  });

  it("replace: another process's run is stopped before the due run starts", async () => {
    const { dir, scheduler, engine, at } = await setup('replace');
    const other = await engine.createWorkload(otherRun('r-other'));
    await engine.startWorkload(other);
    scheduler.tick();
    at('00:05:00');
    scheduler.tick();
    await scheduler.stop();
    expect(engine.containers.get(other)?.state).toBe('exited');
    expect(listRecords(dir, 's').map((r) => r.trigger)).toEqual(['schedule']);
  });
});

/** A run of bot "s" that some other pond process started: only the engine knows it. */
function otherRun(id: string): TaskSpec {
  return {
    name: `demo-s-run-${id}`,
    image: 'python:3.11-slim',
    env: {},
    ports: [],
    mounts: [],
    resources: {},
    network: 'demo_default',
    aliases: [],
    restart: 'no',
    init: true,
    stopTimeoutSec: 1,
    labels: { 'dev.pond.project': 'demo', 'dev.pond.workload': 's', 'dev.pond.run': id },
  };
}
