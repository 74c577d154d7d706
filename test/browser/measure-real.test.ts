// Figures of a REAL `pond ui` serving 50 running busybox services, in chromium: the page's weight
// as served, its first (contentful) paint, and how long an engine event takes to change a node's
// state text. Printed and written to dist/ui/measurements-real.json; no timing is asserted (a shared
// 2-core machine), only that each change does reach the page.
import { mkdirSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { pond, pondProcess, projectDir } from '../e2e/helpers/pond.js';
import { launch, type Browser } from './chromium.js';
import { startedUi, type RealUi } from './real-ui.js';

const N = 50;
const project = uniqueProject(`${process.env.POND_E2E_PREFIX || 'pond-e2e'}-ui-many`);
const names = Array.from({ length: N }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
const yaml = `version: 1\nname: ${project}\nworkloads:\n${names.map((n) => `  ${n}:\n    image: busybox:1.35\n    command: [sh, -c, 'echo ${n} up; exec sleep 3600']\n`).join('')}`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Median, min and max of the samples chromium did record (a paint entry is sometimes absent). */
const summary = (all: number[]) => {
  const xs = all.filter((x) => Number.isFinite(x));
  if (xs.length === 0) return { samples: 0, missing: all.length };
  return {
    median: median(xs),
    min: Math.min(...xs),
    max: Math.max(...xs),
    samples: xs.length,
    missing: all.length - xs.length,
  };
};
const results: Record<string, unknown> = { workloads: N };
let dir = '';
let browser: Browser;
let ui: RealUi;

beforeAll(async () => {
  dir = await projectDir({ 'pond.yaml': yaml });
  const t0 = Date.now();
  const up = await pond(['up'], { cwd: dir });
  expect(up.code, up.stderr).toBe(0);
  results.upMs = Date.now() - t0;
  ui = await startedUi(pondProcess(['ui', '--no-open', '--format', 'json'], { cwd: dir, env: { CI: '1' } }));
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
  await cleanupProject(project);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  mkdirSync('dist/ui', { recursive: true });
  writeFileSync('dist/ui/measurements-real.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('pond ui measurements (real stack, 50 workloads)', JSON.stringify(results, null, 2));
}, 120_000);

/** Records in the page when the node's state text becomes `want`, as Date.now() on the shared clock. */
async function watchState(page: Page, name: string, want: string): Promise<void> {
  await page.evaluate(
    ([n, w]) => {
      const win = window as unknown as { seenAt?: number };
      win.seenAt = undefined;
      const graph = document.getElementById('graph')!;
      new MutationObserver((_, obs) => {
        if (graph.querySelector(`[data-name="${n}"] .state`)?.textContent !== w) return;
        win.seenAt = Date.now();
        obs.disconnect();
      }).observe(graph, { childList: true, subtree: true, characterData: true });
    },
    [name, want] as const,
  );
}

/** The engine's time (ms) of the container's last `action` event since `since`. */
async function eventAt(id: string, action: string, since: number): Promise<number> {
  const out = await docker(
    'events',
    '--since',
    (since / 1000 - 1).toFixed(3),
    '--until',
    String(Math.ceil(Date.now() / 1000) + 1),
    '--filter',
    `container=${id}`,
    '--filter',
    `event=${action}`,
    '--format',
    '{{.TimeNano}}',
  );
  return Number(BigInt(out.split('\n').filter(Boolean).at(-1)!) / 1_000_000n);
}

describe('pond ui figures (real stack, 50 workloads)', () => {
  it('the page as served: its bytes and its gzipped bytes', async () => {
    const res = await fetch(ui.url);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    results.pageBytes = body.length;
    results.pageGzipBytes = gzipSync(body, { level: 9 }).length;
    results.servedContentEncoding = res.headers.get('content-encoding') ?? 'identity';
    const state = Buffer.from(
      await (await fetch(`${ui.origin}/api/state`, { headers: { Authorization: `Bearer ${ui.token}` } })).arrayBuffer(),
    );
    results.stateBytes = state.length;
    results.stateGzipBytes = gzipSync(state, { level: 9 }).length;
  });

  it('first paint, first contentful paint and the 50-node graph, from navigation (median of 5 loads)', async () => {
    const runs: { fp: number; fcp: number; graph: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.context.newPage();
      await page.goto(ui.url);
      await page.locator(`#graph [data-name="${names.at(-1)}"]`).waitFor({ timeout: 10_000 });
      runs.push(
        await page.evaluate(() => {
          const at = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
          return { fp: at('first-paint'), fcp: at('first-contentful-paint'), graph: at('pond:first-state') };
        }),
      );
      await page.close();
    }
    results.firstPaintMs = summary(runs.map((r) => Math.round(r.fp)));
    results.firstContentfulPaintMs = summary(runs.map((r) => Math.round(r.fcp)));
    results.graphDrawnMs = summary(runs.map((r) => Math.round(r.graph)));
    // pond's own mark is set when the first state is drawn: every load must have drawn the graph.
    expect(runs.filter((r) => !(r.graph > 0))).toEqual([]);
  });

  it("docker stop / docker start of one container changes its node's state text (5 rounds)", async () => {
    const name = 'svc-25';
    const id = await docker('inspect', '-f', '{{.Id}}', `${project}-${name}`);
    const page = await browser.context.newPage();
    await page.goto(ui.url);
    await page.locator(`#graph [data-name="${name}"] .state`, { hasText: /^running$/ }).waitFor({ timeout: 10_000 });
    const lag = {
      stopCallToDom: [] as number[],
      dieEventToDom: [] as number[],
      startCallToDom: [] as number[],
      startEventToDom: [] as number[],
    };
    for (let i = 0; i < 5; i++) {
      for (const [verb, want, action] of [
        ['stop', 'exited', 'die'],
        ['start', 'running', 'start'],
      ] as const) {
        await watchState(page, name, want);
        const calledAt = Date.now();
        await docker(verb, id);
        await page.waitForFunction(() => (window as unknown as { seenAt?: number }).seenAt !== undefined, undefined, {
          timeout: 15_000,
        });
        const seenAt = await page.evaluate(() => (window as unknown as { seenAt: number }).seenAt);
        expect(await docker('inspect', '-f', '{{.State.Status}}', id)).toBe(want);
        const engineAt = await eventAt(id, action, calledAt);
        lag[verb === 'stop' ? 'stopCallToDom' : 'startCallToDom'].push(seenAt - calledAt);
        lag[verb === 'stop' ? 'dieEventToDom' : 'startEventToDom'].push(seenAt - engineAt);
      }
    }
    await page.close();
    results.eventToDomMs = Object.fromEntries(Object.entries(lag).map(([k, v]) => [k, summary(v)]));
  }, 180_000);
});
