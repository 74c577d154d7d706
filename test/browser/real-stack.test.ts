// The page in a real chromium against a REAL `pond ui` serving a real stack on the real engine
// (testdata/ui-real): what a user sees and does, checked against the docker CLI. The screenshots of
// the README come from here too: docs/ui/ with POND_UI_SCREENSHOTS=1, else dist/ui/screenshots-real/.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { scenario } from '../e2e/helpers/scenario.js';
import { launch, type Browser } from './chromium.js';
import { readStream, recordedPage, startedUi, type RealUi, type Received } from './real-ui.js';

const CANARIES = ['canary-token-3f9e1a7c', 'canary-key-b42d6e08', 'canary-bot-9d07c5e1'];
const WORKLOADS = ['api', 'migrate', 'nightly', 'store', 'worker'];
const OUT = process.env.POND_UI_SCREENSHOTS ? 'docs/ui' : 'dist/ui/screenshots-real';

const s = scenario('ui-real');
let browser: Browser;
let ui: RealUi;
const received: Received = { bodies: [], pending: [] };

interface Seen {
  id: string;
  startedAt: string;
  status: string;
  health?: string;
  exitCode: number;
}

/** The docker CLI's view of one workload's container, or undefined when it has none. */
async function inspect(workload: string): Promise<Seen | undefined> {
  const id = await docker(
    'ps',
    '-aq',
    '--filter',
    `label=dev.pond.project=${s.project}`,
    '--filter',
    `label=dev.pond.workload=${workload}`,
  );
  if (!id) return undefined;
  const [c] = JSON.parse(await docker('inspect', id)) as {
    Id: string;
    State: { StartedAt: string; Status: string; ExitCode: number; Health?: { Status: string } };
  }[];
  return {
    id: c!.Id,
    startedAt: c!.State.StartedAt,
    status: c!.State.Status,
    exitCode: c!.State.ExitCode,
    ...(c!.State.Health && { health: c!.State.Health.Status }),
  };
}

/** The words a user should read for a container in this state: its health while it runs with a check; a clean exit is "completed"; no container (a scheduled bot between runs) is "scheduled". */
function expectedText(c: Seen | undefined): string {
  if (!c) return 'scheduled';
  if (c.status === 'running') return c.health ?? 'running';
  if (c.status === 'exited' && c.exitCode === 0) return 'completed';
  return c.status;
}

async function open(): Promise<Page> {
  const page = await recordedPage(browser.context, received);
  await page.goto(ui.url);
  await page.locator('#graph [data-name]').first().waitFor({ timeout: 10_000 });
  return page;
}

/** The panel's answer to an action button once it is in (not "working…"). */
async function outcome(page: Page, label: string): Promise<string | null> {
  const el = page.locator('#panel-outcome', { hasText: new RegExp(`^${label}: (ok|failed)`) });
  await el.waitFor({ timeout: 60_000 });
  return el.textContent();
}

/** What a browser does when the tab goes to the background or comes back (headless tabs are always visible). */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
    Object.defineProperty(document, 'hidden', { value: h, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

const stateText = (page: Page, name: string): Promise<string | null> =>
  page.locator(`#graph [data-name="${name}"] .state`).textContent();

beforeAll(async () => {
  const up = await s.pond(['up']);
  expect(up.code, up.stderr).toBe(0);
  ui = await startedUi(s.start(['ui', '--no-open', '--format', 'json'], { CI: '1' }));
  browser = await launch();
}, 180_000);

// A page a failed test left open keeps its event stream, and chromium allows six connections per
// origin: enough such pages and the next page's POSTs would queue behind them.
afterEach(async () => {
  for (const p of browser?.context.pages() ?? []) await p.close();
});

afterAll(async () => {
  await browser?.close();
  await ui?.stop();
});

describe('pond ui in chromium against a real stack', () => {
  it('the graph shows every workload with the state text the engine reports', async () => {
    const page = await open();
    expect(
      (
        await page.locator('#graph [data-name]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))
      ).sort(),
    ).toEqual(WORKLOADS);
    await eventually(async () => {
      for (const w of WORKLOADS) expect(await stateText(page, w), w).toBe(expectedText(await inspect(w)));
    });
    expect((await inspect('store'))?.health).toBe('healthy');
    await page.close();
  });

  it("clicking a workload's Restart button restarts that container: a new StartedAt, the same ID", async () => {
    const before = (await inspect('worker'))!;
    const page = await open();
    await page.locator('#graph [data-name="worker"]').click();
    await page.getByRole('button', { name: 'Restart' }).click();
    expect(await outcome(page, 'Restart')).toMatch(/^Restart: ok/);
    const after = (await inspect('worker'))!;
    expect(after.id).toBe(before.id);
    expect(after.startedAt).not.toBe(before.startedAt);
    expect(after.status).toBe('running');
    await page.close();
  }, 90_000);

  it('a line a workload prints appears in the log view within a second', async () => {
    const page = await open();
    await page.locator('#log-lines .line', { hasText: 'api: listening on :8080' }).waitFor({ timeout: 10_000 });
    const marker = `CANARY-LINE-${randomBytes(4).toString('hex')}`;
    await page.evaluate((m) => {
      const w = window as unknown as { seenAt?: number };
      const box = document.getElementById('log-lines')!;
      new MutationObserver((_, obs) => {
        if (!box.textContent?.includes(m)) return;
        w.seenAt = Date.now();
        obs.disconnect();
      }).observe(box, { childList: true, subtree: true, characterData: true });
    }, marker);
    const ctr = (await inspect('api'))!.id;
    const calledAt = Date.now();
    await docker('exec', ctr, 'sh', '-c', `echo ${marker} > /proc/1/fd/1`);
    await page.waitForFunction(() => (window as unknown as { seenAt?: number }).seenAt !== undefined, undefined, {
      timeout: 5000,
    });
    const seenAt = await page.evaluate(() => (window as unknown as { seenAt: number }).seenAt);
    const logged = (await docker('logs', '--timestamps', '--since', new Date(calledAt - 2000).toISOString(), ctr))
      .split('\n')
      .find((l) => l.includes(marker))!;
    const printedAt = Date.parse(logged.split(' ')[0]!.replace(/(\.\d{3})\d*Z$/, '$1Z'));
    console.log(
      `real ui log latency: ${seenAt - printedAt} ms from the engine's timestamp of the line, ${seenAt - calledAt} ms from the docker exec call`,
    );
    expect(seenAt - printedAt).toBeLessThan(1000);
    await page.close();
  });

  it("with two other tabs open and hidden, a third tab's Restart button still restarts the container", async () => {
    for (const other of [await open(), await open()]) {
      await other.locator('#log-lines .line').first().waitFor({ timeout: 10_000 });
      await setHidden(other, true);
    }
    const before = (await inspect('worker'))!;
    const page = await open();
    await page.locator('#graph [data-name="worker"]').click();
    await page.getByRole('button', { name: 'Restart' }).click();
    expect(await outcome(page, 'Restart')).toMatch(/^Restart: ok/);
    expect((await inspect('worker'))!.startedAt).not.toBe(before.startedAt);
  }, 90_000);

  it("with five tabs open and visible, each tab's Restart button still restarts the container", async () => {
    const tabs: Page[] = [];
    for (let i = 0; i < 5; i++) {
      const tab = await open();
      await tab.locator('#log-lines .line').first().waitFor({ timeout: 10_000 });
      tabs.push(tab);
    }
    for (const [i, tab] of tabs.entries()) {
      const before = (await inspect('worker'))!;
      await tab.locator('#graph [data-name="worker"]').click();
      await tab.getByRole('button', { name: 'Restart' }).click();
      expect(await outcome(tab, 'Restart'), `tab ${i + 1}`).toMatch(/^Restart: ok/);
      expect((await inspect('worker'))!.startedAt, `tab ${i + 1}`).not.toBe(before.startedAt);
    }
  }, 240_000);

  it('a tab shown again streams again: a line printed while it was hidden is on its log view', async () => {
    const page = await open();
    await page.locator('#log-lines .line', { hasText: 'api: listening on :8080' }).waitFor({ timeout: 10_000 });
    await setHidden(page, true);
    const marker = `CANARY-LINE-${randomBytes(4).toString('hex')}`;
    await docker('exec', (await inspect('api'))!.id, 'sh', '-c', `echo ${marker} > /proc/1/fd/1`);
    await setHidden(page, false);
    await page.locator('#log-lines .line', { hasText: marker }).waitFor({ timeout: 5000 });
    expect(await page.locator('#log-lines .line', { hasText: 'api: listening on :8080' }).count()).toBe(1);
  });

  it('a page load without the token is refused with 401 and shows no data', async () => {
    const page = await recordedPage(browser.context, received);
    for (const url of [`${ui.origin}/`, `${ui.origin}/?token=${'A'.repeat(ui.token.length)}`]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(401);
      const text = await page.evaluate(() => document.documentElement.outerHTML);
      for (const w of [...WORKLOADS, s.project]) expect(text, url).not.toContain(w);
      expect(await page.locator('#graph').count()).toBe(0);
    }
    await page.close();
  });
});

describe('pond ui screenshots (real stack)', () => {
  beforeAll(() => mkdirSync(OUT, { recursive: true }));

  for (const scheme of ['light', 'dark'] as const) {
    it(`the graph, the workload panel and the logs render in ${scheme} mode`, async () => {
      const page = await recordedPage(browser.context, received);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(ui.url);
      await page.locator('#graph [data-name="worker"]').waitFor({ timeout: 10_000 });
      await page.locator('#log-lines .line', { hasText: 'worker: polling' }).first().waitFor({ timeout: 10_000 });
      await page.locator('#graph-section').screenshot({ path: path.join(OUT, `graph-${scheme}.png`) });
      await page.locator('#graph [data-name="store"]').click();
      await eventually(
        async () =>
          expect(
            (await page.locator('#panel polyline.cpu').getAttribute('points'))?.split(' ').length,
          ).toBeGreaterThanOrEqual(3),
        { timeoutMs: 20_000, intervalMs: 250 },
      );
      await page.locator('#panel').screenshot({ path: path.join(OUT, `panel-${scheme}.png`) });
      await page.locator('#logs').screenshot({ path: path.join(OUT, `logs-${scheme}.png`) });
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(20, 24, 29)' : 'rgb(247, 247, 245)');
      await page.close();
    }, 60_000);
  }
});

describe('pond ui keeps secrets out of what the page receives (real stack)', () => {
  it('no response body or event the page received, nor any endpoint fetched directly, carries a secret value', async () => {
    const page = await open();
    await page.locator('#graph [data-name="nightly"]').click();
    await page.getByRole('button', { name: 'Run now' }).click();
    expect(await outcome(page, 'Run now')).toMatch(/^Run now: ok/);
    await page.getByRole('button', { name: 'logs', exact: true }).first().click();
    await page.getByTestId('run-viewer').filter({ hasText: 'nightly: wrote 12 rows' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'results', exact: true }).first().click();
    await page.getByTestId('run-viewer').filter({ hasText: 'rows' }).waitFor({ timeout: 10_000 });
    await page.locator('#log-lines .line', { hasText: 'api: token is' }).waitFor({ timeout: 10_000 });
    await page.close();
    await Promise.all(received.pending);

    const auth = { Authorization: `Bearer ${ui.token}` };
    const direct: string[] = [];
    for (const p of ['/', '/api/state'])
      direct.push(
        await (await fetch(`${ui.origin}${p}${p === '/' ? `?token=${ui.token}` : ''}`, { headers: auth })).text(),
      );
    const run = (JSON.parse(direct[1]!) as { workloads: { name: string; runs?: { id: string }[] }[] }).workloads.find(
      (w) => w.name === 'nightly',
    )!.runs![0]!.id;
    for (const p of [`/api/runs/nightly/${run}/logs`, `/api/runs/nightly/${run}/results`])
      direct.push(await (await fetch(`${ui.origin}${p}`, { headers: auth })).text());
    direct.push(
      await readStream(
        `${ui.origin}/api/events?logs=*&tail=200&token=${ui.token}`,
        (raw) => raw.includes('event: stats') && raw.includes('api: token is'),
      ),
    );

    const seen = received.bodies.map((b) => b.url);
    expect(
      seen.some((u) => u === 'sse:state') &&
        seen.some((u) => u === 'sse:line') &&
        seen.some((u) => u.includes('/results')),
      seen.join(' '),
    ).toBe(true);
    const env = await docker('inspect', '-f', '{{json .Config.Env}}', (await inspect('api'))!.id);
    for (const c of CANARIES.slice(0, 2)) expect(env).toContain(c);
    expect(await docker('logs', (await inspect('api'))!.id)).toContain(CANARIES[0]);
    for (const body of [...received.bodies.map((b) => b.text), ...direct])
      for (const c of CANARIES) expect(body).not.toContain(c);
    expect(direct.join('\n')).toMatch(/token is \(sensitive/);
  }, 120_000);
});
