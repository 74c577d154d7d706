// The page's cost, measured in chromium against the FAKE server with 50 workloads: its weight, its
// first paint, and how long a `state` event takes to reach the DOM. Only the weight has a budget
// (it is deterministic); times are figures, never assertions (a shared 2-core machine): they go to
// dist/ui/measurements.json and the log.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePage } from '../../scripts/build-page.mjs';
import { pageHtml } from '../../src/ui/page-html.js';
import type { UiState } from '../../src/ui/types.js';
import { launch, type Browser } from './chromium.js';
import { startFakeUi, type FakeUi } from './fake-ui-server.js';
import { manyState, withState } from './fixtures.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, unknown> = {};
let browser: Browser;
let fake: FakeUi;

beforeAll(async () => {
  await writePage();
  browser = await launch();
  fake = await startFakeUi(manyState(50));
});
afterAll(async () => {
  await fake?.close();
  await browser?.close();
  writeFileSync('dist/ui/measurements.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('pond ui page measurements', results);
});

describe('pond ui page cost (fake server, 50 workloads)', () => {
  it('the whole document weighs under 60 KB', () => {
    const html = pageHtml('bm9uY2Utbm9uY2Utbm9uY2U=');
    results.bytes = Buffer.byteLength(html);
    results.gzipBytes = gzipSync(html, { level: 9 }).length;
    expect(results.bytes).toBeLessThan(60 * 1024);
  });

  it('draws the 50-workload graph on every load, and records its first paint (median of 5)', async () => {
    const runs: { fp: number; fcp: number; graph: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.context.newPage();
      await page.goto(fake.url);
      await page.locator('#graph [data-name="svc-49"]').waitFor();
      runs.push(
        await page.evaluate(() => {
          const paint = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
          return { fp: paint('first-paint'), fcp: paint('first-contentful-paint'), graph: paint('pond:first-state') };
        }),
      );
      await page.close();
    }
    const seen = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
    results.firstPaintMs = median(seen(runs.map((r) => r.fp)));
    results.firstContentfulPaintMs = median(seen(runs.map((r) => r.fcp)));
    results.graphDrawnMs = Math.round(median(runs.map((r) => r.graph)));
    expect(runs.filter((r) => !(r.graph > 0))).toEqual([]);
  });

  it('every one of 20 state events reaches the DOM, and records how fast', async () => {
    const page = await browser.context.newPage();
    await page.goto(fake.url);
    await page.locator('#graph [data-name="svc-25"]').waitFor();
    const lags: number[] = [];
    let state: UiState = fake.state;
    for (let i = 0; i < 20; i++) {
      const next = i % 2 === 0 ? 'failed' : 'running';
      await page.evaluate((want) => {
        const w = window as unknown as { seenAt?: number };
        w.seenAt = undefined;
        const el = document.querySelector('#graph [data-name="svc-25"] .state')!;
        const obs = new MutationObserver(() => {
          if (el.textContent !== want) return;
          w.seenAt = Date.now();
          obs.disconnect();
        });
        obs.observe(el, { childList: true, characterData: true, subtree: true });
      }, next);
      state = withState(state, 'svc-25', next);
      const sent = Date.now();
      fake.pushState(state);
      await page.waitForFunction(() => (window as unknown as { seenAt?: number }).seenAt !== undefined, undefined, {
        timeout: 10_000,
      });
      lags.push((await page.evaluate(() => (window as unknown as { seenAt: number }).seenAt)) - sent);
    }
    await page.close();
    results.stateToDomMs = { median: median(lags), max: Math.max(...lags), samples: lags.length };
    expect(lags).toHaveLength(20);
  });
});
