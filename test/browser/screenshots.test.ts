// Screenshots of the main views, light and dark, against the FAKE server's canned stack, into
// dist/ui/screenshots/ (a review aid: the README's images are of the real stack, real-stack.test.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePage } from '../../scripts/build-page.mjs';
import type { UiLogLine } from '../../src/ui/types.js';
import { launch, type Browser } from './chromium.js';
import { startFakeUi, type FakeUi } from './fake-ui-server.js';
import { analyticsState, TAIL } from './fixtures.js';

const OUT = 'dist/ui/screenshots';
const MORE: UiLogLine[] = [
  { workload: 'web', stream: 'stdout', text: 'GET / 200 in 4ms' },
  { workload: 'report', stream: 'stdout', text: 'wrote /bot/result.json (12 rows)' },
  { workload: 'daily-sales', stream: 'stdout', text: 'query done: 2 rows → out/daily_sales.csv' },
  { workload: 'warehouse', stream: 'stdout', text: 'checkpoint complete: wrote 3 buffers (0.0%)' },
  { workload: 'trader', stream: 'stderr', text: 'Killed (out of memory): restarting' },
];

let browser: Browser;
let fake: FakeUi;

beforeAll(async () => {
  await writePage();
  browser = await launch();
  fake = await startFakeUi(analyticsState(), [...TAIL, ...MORE]);
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await fake?.close();
  await browser?.close();
});

describe('pond ui screenshots (fake server)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the graph, the workload panel and the logs render in ${scheme} mode`, async () => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(fake.url);
      await page.locator('#graph [data-name]').first().waitFor();
      await page.getByText('Killed (out of memory)').waitFor();
      const shots = [`graph-${scheme}.png`, `panel-${scheme}.png`, `logs-${scheme}.png`];
      await page.locator('#graph-section').screenshot({ path: path.join(OUT, shots[0]!) });
      await page.locator('#graph [data-name="warehouse"]').click();
      for (let t = 1; t <= 30; t++)
        fake.pushStats({
          warehouse: {
            t,
            cpuPercent: 8 + 6 * Math.sin(t / 3),
            memoryBytes: (180 + t * 2) * 2 ** 20,
            memoryLimitBytes: 512 * 2 ** 20,
          },
        });
      await page.locator('#panel figcaption', { hasText: 'Memory: 240 MiB' }).waitFor();
      await page.locator('#panel').screenshot({ path: path.join(OUT, shots[1]!) });
      await page.locator('#logs').screenshot({ path: path.join(OUT, shots[2]!) });
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(20, 24, 29)' : 'rgb(247, 247, 245)');
      await page.close();
    });
  }
});
