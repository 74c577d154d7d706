// The page in a real chromium against the FAKE server (fake-ui-server.ts): what the page does with
// the contract's data. The real server's own tests prove what it sends.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writePage } from '../../scripts/build-page.mjs';
import { launch, type Browser } from './chromium.js';
import { startFakeUi, type FakeUi } from './fake-ui-server.js';
import { analyticsState, TAIL, withState } from './fixtures.js';

let browser: Browser;
let fake: FakeUi;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await writePage();
  browser = await launch();
});
afterAll(async () => browser?.close());

beforeEach(async () => {
  fake = await startFakeUi(analyticsState(), TAIL);
  page = await browser.context.newPage();
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await page.goto(fake.url);
  await page.locator('#graph [data-name]').first().waitFor({ timeout: 5000 });
});
afterEach(async () => {
  await page.close();
  await fake.close();
});

const stateOf = (name: string) => page.locator(`#graph [data-name="${name}"] .state`);
const logLines = () => page.locator('#log-lines .line:visible');
const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('pond ui page (fake server)', () => {
  it('runs under the contract CSP with its nonce, with no script or console error', async () => {
    await page.locator('#conn', { hasText: 'live' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('the graph shows every workload with its state as text', async () => {
    for (const w of fake.state.workloads) {
      const expected = w.health && w.health !== w.state ? `${w.state} · ${w.health}` : w.state;
      expect(await stateOf(w.name).textContent()).toBe(expected);
    }
  });

  it('the graph labels each edge with its condition', async () => {
    const label = page.locator('#graph .edge[data-from="report"][data-to="daily-sales"] .edge-label');
    expect(await label.textContent()).toBe('completed');
    expect(await page.locator('#graph .edge').count()).toBe(fake.state.edges.length);
  });

  it('a state event changes the node state text', async () => {
    fake.pushState(withState(fake.state, 'web', 'failed'));
    await page.locator('#graph [data-name="web"] .state', { hasText: /^failed$/ }).waitFor({ timeout: 2000 });
    expect(await page.locator('#graph [data-name="web"]').getAttribute('class')).toContain('tone-bad');
  });

  it('a log line sent on the SSE appears within a second', async () => {
    await page.getByText('listening on :3000').waitFor();
    fake.pushLine({ workload: 'web', stream: 'stdout', text: 'GET / 200 in 3ms' });
    await page.locator('#log-lines .line', { hasText: 'GET / 200 in 3ms' }).waitFor({ timeout: 1000 });
  });

  it('the log view streams every workload interleaved, and one workload alone when chosen', async () => {
    await page.getByText('listening on :3000').waitFor();
    expect(fake.streams[0]?.get('logs')).toBe('*');
    await page.selectOption('#log-workload', 'trader');
    await until(() => fake.streams.length === 2);
    expect(fake.streams[1]?.get('logs')).toBe('trader');
    await page.locator('#log-lines .line', { hasText: 'order book stale' }).waitFor();
    expect(await logLines().count()).toBe(1);
  });

  it('the page holds one event stream, for state and logs alike, also after choosing another workload', async () => {
    await page.getByText('listening on :3000').waitFor();
    expect(fake.openStreams()).toBe(1);
    await page.selectOption('#log-workload', 'trader');
    await page.locator('#log-lines .line', { hasText: 'order book stale' }).waitFor();
    await until(() => fake.openStreams() === 1);
    fake.pushState(withState(fake.state, 'web', 'failed'));
    await page.locator('#graph [data-name="web"] .state', { hasText: /^failed$/ }).waitFor({ timeout: 2000 });
    expect(fake.streams).toHaveLength(2);
  });

  it('the search box filters the log lines', async () => {
    await page.getByText('listening on :3000').waitFor();
    expect(await logLines().count()).toBe(TAIL.length);
    await page.fill('#log-search', 'STALE');
    expect(await logLines().allTextContents()).toEqual(['traderwarning: order book stale, retrying']);
    await page.fill('#log-search', '');
    expect(await logLines().count()).toBe(TAIL.length);
  });

  it('clicking restart POSTs to the workload endpoint with the bearer token and shows the outcome', async () => {
    await page.locator('#graph [data-name="web"]').click();
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.locator('#panel-outcome', { hasText: 'Restart: ok: restarted web' }).waitFor({ timeout: 2000 });
    expect(fake.posts).toEqual([
      {
        path: '/api/workloads/web/restart',
        authorization: `Bearer ${fake.token}`,
        contentType: 'application/json',
        body: '{}',
      },
    ]);
  });

  it('run now and re-run POST to the bot and query endpoints', async () => {
    await page.locator('#graph [data-name="trader"]').click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('#graph [data-name="daily-sales"]').click();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await until(() => fake.posts.length === 2);
    expect(fake.posts.map((p) => p.path)).toEqual(['/api/bots/trader/run', '/api/queries/daily-sales/run']);
  });

  it('keyboard: Tab reaches a node and Enter opens its panel', async () => {
    let name: string | null = null;
    for (let i = 0; i < 10 && !name; i++) {
      await page.keyboard.press('Tab');
      name = await page.evaluate(() => document.activeElement?.getAttribute('data-name') ?? null);
    }
    expect(name).not.toBeNull();
    await page.keyboard.press('Enter');
    expect(await page.locator('#panel').isVisible()).toBe(true);
    expect(await page.locator('#panel-title').textContent()).toBe(name);
  });

  it('a node reached with Tab shows a focus ring', async () => {
    const before = await page
      .locator('#graph [data-name="daily-sales"] rect')
      .evaluate((r) => getComputedStyle(r).strokeWidth);
    await page.keyboard.press('Tab');
    const focused = page.locator('#graph [data-name]:focus rect');
    expect(await focused.evaluate((r) => getComputedStyle(r).strokeWidth)).toBe('3.5px');
    expect(before).toBe('1.5px');
  });

  it('Escape closes the panel and gives focus back to its node', async () => {
    await page.locator('#graph [data-name="web"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await page.locator('#panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-name'))).toBe('web');
  });

  it('the panel names an OOM kill and hides the database password', async () => {
    await page.locator('#graph [data-name="trader"]').click();
    await page.locator('#panel dd', { hasText: '137 (OOM killed)' }).waitFor();
    await page.locator('#graph [data-name="warehouse"]').click();
    expect(await page.getByTestId('connection').textContent()).toBe('postgres://pond:••••@127.0.0.1:54320/warehouse');
    expect(await page.locator('#panel').textContent()).not.toContain('s3cret');
  });

  it('the copy button puts the connection URL on the clipboard', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(fake.url).origin });
    await page.locator('#graph [data-name="warehouse"]').click();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.locator('#panel', { hasText: 'copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'postgres://pond:s3cret@127.0.0.1:54320/warehouse',
    );
  });

  it('a stats event draws the CPU and memory of the open workload', async () => {
    await page.locator('#graph [data-name="trader"]').click();
    fake.pushStats({ trader: { t: 1, cpuPercent: 12, memoryBytes: 64 * 2 ** 20, memoryLimitBytes: 128 * 2 ** 20 } });
    fake.pushStats({ trader: { t: 2, cpuPercent: 30, memoryBytes: 70 * 2 ** 20, memoryLimitBytes: 128 * 2 ** 20 } });
    await page.locator('#panel figcaption', { hasText: 'CPU: 30.0 %' }).waitFor({ timeout: 2000 });
    expect(await page.locator('#panel figcaption', { hasText: 'Memory' }).textContent()).toBe(
      'Memory: 70 MiB of 128 MiB',
    );
    expect((await page.locator('#panel polyline.cpu').getAttribute('points'))?.split(' ')).toHaveLength(2);
  });

  it('a scheduled bot shows its next fire times and its runs, whose logs load with the token', async () => {
    await page.locator('#graph [data-name="report"]').click();
    await page.locator('#panel', { hasText: '*/5 * * * *' }).waitFor();
    expect(await page.locator('#panel').textContent()).toContain('01/12/2026, 10:10:00');
    expect(await page.locator('#panel tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'logs', exact: true }).first().click();
    await page.getByTestId('run-viewer').filter({ hasText: 'log of report run r1' }).waitFor({ timeout: 2000 });
  });

  it("a query's last output is shown as a table", async () => {
    await page.locator('#graph [data-name="daily-sales"]').click();
    const table = page.getByTestId('query-table');
    expect(await table.locator('th').allTextContents()).toEqual(['day', 'sales']);
    expect(await table.locator('tbody tr').nth(1).locator('td').allTextContents()).toEqual(['2026-11-30', '1350']);
  });

  it('watch mode: a destructive step waits for the confirm button, which POSTs confirm:true', async () => {
    const plan = {
      steps: [
        {
          id: 's1',
          action: 'replace',
          name: 'web',
          cause: 'image changed',
          destructive: false,
          status: 'done' as const,
        },
        {
          id: 's2',
          action: 'remove',
          name: 'warehouse',
          cause: 'removed from pond.yaml',
          destructive: true,
          status: 'waiting-confirm' as const,
        },
      ],
    };
    fake.pushState({ ...fake.state, watch: true, plan });
    await page.locator('#plan [data-step="s2"]', { hasText: 'waiting-confirm' }).waitFor({ timeout: 2000 });
    await page.getByRole('button', { name: 'Apply the destructive steps' }).click();
    await until(() => fake.posts.length === 1);
    expect(fake.posts[0]).toMatchObject({
      path: '/api/plan/apply',
      body: '{"confirm":true}',
      authorization: `Bearer ${fake.token}`,
    });
    fake.pushPlan({ steps: plan.steps.map((st) => ({ ...st, status: 'running' as const })) });
    await page.locator('#plan [data-step="s2"] .status', { hasText: 'running' }).waitFor({ timeout: 2000 });
  });

  it('the event stream reconnects after the server drops it', async () => {
    await page.locator('#conn', { hasText: 'live' }).waitFor();
    fake.dropStreams();
    await page.locator('#conn', { hasText: 'reconnecting' }).waitFor({ timeout: 2000 });
    await page.locator('#conn', { hasText: 'live' }).waitFor({ timeout: 10_000 });
    fake.pushState(withState(fake.state, 'explore', 'exited'));
    await page.locator('#graph [data-name="explore"] .state', { hasText: /^exited$/ }).waitFor({ timeout: 2000 });
  });

  it('after a reconnect the log tail is shown once, not twice', async () => {
    await page.getByText('listening on :3000').waitFor();
    fake.dropStreams();
    await until(() => fake.streams.length === 2, 10_000);
    await page.locator('#conn', { hasText: 'live' }).waitFor({ timeout: 10_000 });
    await page.getByText('listening on :3000').waitFor();
    expect(await logLines().count()).toBe(TAIL.length);
  });

  it('a refused token (a restarted server) is named, not retried in silence', async () => {
    await page.locator('#conn', { hasText: 'live' }).waitFor();
    fake.rotateToken();
    fake.dropStreams();
    await page.locator('#conn', { hasText: 'token was refused' }).waitFor({ timeout: 10_000 });
  });
});
