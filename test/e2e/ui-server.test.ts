import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';
import type { UiLogLine, UiOutcome, UiState } from '../../src/ui/types.js';

/** The secret value both of testdata/ui-server/dashboard/pond.yaml's env entries hold: no response may carry it. */
const CANARY = 'canary-b7d1e9f04a';

/** Reads an SSE response until `until` says the events so far suffice (or the deadline); returns them and the raw text. */
async function readSse(
  url: string,
  until: (events: { event: string; data: string; at: number }[]) => boolean,
  timeoutMs = 15_000,
): Promise<{ events: { event: string; data: string; at: number }[]; raw: string }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const res = await fetch(url, { signal: abort.signal });
  const events: { event: string; data: string; at: number }[] = [];
  let raw = '';
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const text = Buffer.from(chunk).toString('utf8');
      raw += text;
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) events.push({ event, data, at: Date.now() });
      }
      if (until(events)) break;
    }
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { events, raw };
}

describe('pond ui serves the project on 127.0.0.1 behind its token', () => {
  const s = scenario('ui-server', { folder: 'ui-server/dashboard' });
  const { project } = s;
  let ui: ChildProcess;
  let base = '';
  let token = '';
  let port = 0;
  let lockDir = '';
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });
  const inspect = async (workload: string): Promise<{ id: string; startedAt: string; status: string }> => {
    const [id, startedAt, status] = (
      await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}} {{.State.Status}}', `${project}-${workload}`)
    ).split(' ');
    return { id: id!, startedAt: startedAt!, status: status! };
  };

  beforeAll(async () => {
    const up = await s.pond(['up']);
    expect(up.code, up.stderr).toBe(0);
    lockDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hu-locks-'));
    ui = s.start(['ui', '--no-open', '--format', 'json'], { CI: '1', POND_LOCK_DIR: lockDir });
    const first = await new Promise<string>((resolve, reject) => {
      let out = '';
      ui.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      ui.once('exit', (code) => reject(new Error(`pond ui exited ${code}`)));
    });
    const printed = JSON.parse(first) as { url: string; port: number };
    port = printed.port;
    const url = new URL(printed.url);
    expect(url.hostname).toBe('127.0.0.1');
    token = url.searchParams.get('token')!;
    base = `http://127.0.0.1:${port}`;
  }, 180_000);

  afterAll(async () => {
    if (lockDir) await fs.rm(lockDir, { recursive: true, force: true });
  });

  it('answers 401 without the token, for the page and for the API', async () => {
    for (const path of ['/', '/api/state', '/api/events', '/api/events?logs=web'])
      expect((await fetch(`${base}${path}`)).status, path).toBe(401);
    expect((await fetch(`${base}/api/state?token=wrong${token}`)).status).toBe(401);
    expect(
      (
        await fetch(`${base}/api/workloads/worker/restart`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a POST from a foreign Origin with 403 and leaves the container as it was', async () => {
    const before = await inspect('worker');
    const res = await post('/api/workloads/worker/restart', { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(await inspect('worker')).toEqual(before);
  });

  it('GET /api/state lists every workload with the state the engine has', async () => {
    const state = (await (await fetch(`${base}/api/state`, { headers: auth() })).json()) as UiState;
    expect(state.project).toBe(project);
    expect(state.workloads.map((w) => [w.name, w.state]).sort()).toEqual([
      ['nightly', 'scheduled'],
      ['ticker', 'running'],
      ['web', 'running'],
      ['worker', 'running'],
    ]);
    for (const w of ['web', 'worker', 'ticker']) expect((await inspect(w)).status).toBe('running');
    expect(state.edges).toEqual([{ from: 'worker', to: 'web', condition: 'started' }]);
  });

  it('POST restart restarts the same container: a new StartedAt, the same ID', async () => {
    const before = await inspect('worker');
    const res = await post('/api/workloads/worker/restart', { Origin: base });
    const outcome = (await res.json()) as UiOutcome;
    expect(res.status, outcome.message).toBe(200);
    expect(outcome.ok).toBe(true);
    const after = await inspect('worker');
    expect(after.id).toBe(before.id);
    expect(after.startedAt).not.toBe(before.startedAt);
    expect(after.status).toBe('running');
  });

  it('answers 409 with the lock holder while another pond holds the project lock, and touches nothing', async () => {
    const file = path.join(lockDir, `${project}.lock`);
    await fs.writeFile(
      file,
      JSON.stringify({
        pid: process.pid,
        host: os.hostname(),
        command: 'pond up (test holder)',
        since: new Date().toISOString(),
      }),
    );
    try {
      const before = await inspect('worker');
      const res = await post('/api/workloads/worker/restart', { Origin: base });
      expect(res.status).toBe(409);
      expect(((await res.json()) as UiOutcome).message).toContain('pond up (test holder)');
      expect(await inspect('worker')).toEqual(before);
    } finally {
      await fs.rm(file, { force: true });
    }
  });

  it('a line a workload prints is on /api/events?logs=W within a second of being printed', async () => {
    const stream = readSse(`${base}/api/events?logs=ticker&tail=0&token=${token}`, (ev) =>
      ev.some((e) => e.event === 'line' && (JSON.parse(e.data) as UiLogLine).text === 'marker'),
    );
    await new Promise((r) => setTimeout(r, 300)); // the stream is open once its first bytes came; this only keeps the print after the subscription
    await docker('exec', `${project}-ticker`, 'touch', '/tmp/go');
    const { events } = await stream;
    const hit = events.find((e) => e.event === 'line' && (JSON.parse(e.data) as UiLogLine).text === 'marker')!;
    const line = JSON.parse(hit.data) as UiLogLine;
    expect(line.workload).toBe('ticker');
    const printedAt = Date.parse(line.time!.replace(/(\.\d{3})\d*Z$/, '$1Z'));
    const latencyMs = hit.at - printedAt;
    console.log(`ui log latency: ${latencyMs} ms`);
    expect(latencyMs).toBeLessThan(1000);
  });

  it("one stream carries the state and the chosen workload's log lines, and no other workload's", async () => {
    const { events } = await readSse(
      `${base}/api/events?logs=web&tail=50&token=${token}`,
      (ev) => ev.some((e) => e.event === 'state') && ev.some((e) => e.event === 'line'),
    );
    const state = JSON.parse(events.find((e) => e.event === 'state')!.data) as UiState;
    expect(state.workloads.map((w) => w.name).sort()).toEqual(['nightly', 'ticker', 'web', 'worker']);
    const lines = events.filter((e) => e.event === 'line').map((e) => JSON.parse(e.data) as UiLogLine);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l.workload))).toEqual(new Set(['web']));
  });

  it('/api/events without logs sends no log lines', async () => {
    const { events } = await readSse(`${base}/api/events?tail=50&token=${token}`, (ev) =>
      ev.some((e) => e.event === 'stats'),
    );
    expect(events.some((e) => e.event === 'state')).toBe(true);
    expect(events.filter((e) => e.event === 'line')).toEqual([]);
  });

  it('no response of any endpoint carries a secret value', async () => {
    const bodies: string[] = [];
    const text = async (res: Promise<Response>): Promise<string> => {
      const body = await (await res).text();
      bodies.push(body);
      return body;
    };
    await text(fetch(`${base}/?token=${token}`));
    await text(fetch(`${base}/api/state`, { headers: auth() }));
    const run = JSON.parse(await text(post('/api/bots/nightly/run', { Origin: base }))) as UiOutcome;
    expect(run.ok, run.message).toBe(true);
    const state = JSON.parse(await text(fetch(`${base}/api/state`, { headers: auth() }))) as UiState;
    const last = state.workloads.find((w) => w.name === 'nightly')!.runs![0]!;
    expect(last.hasResults).toBe(true);
    expect(await text(fetch(`${base}/api/runs/nightly/${last.id}/logs`, { headers: auth() }))).toMatch(
      /bot sees \(sensitive/,
    );
    expect(await text(fetch(`${base}/api/runs/nightly/${last.id}/results`, { headers: auth() }))).toMatch(/seen/);
    await text(post('/api/workloads/web/restart', { Origin: base }));
    const logs = await readSse(
      `${base}/api/events?logs=*&token=${token}&tail=50`,
      (ev) => ev.filter((e) => e.event === 'line' && e.data.includes('token is')).length >= 2,
    );
    bodies.push(logs.raw);
    expect(logs.raw).toMatch(/token is \(sensitive/);
    bodies.push((await readSse(`${base}/api/events?token=${token}`, (ev) => ev.some((e) => e.event === 'stats'))).raw);
    expect(await fs.readFile(s.at('.pond/runs/nightly', last.id, 'logs.txt'), 'utf8')).toContain(CANARY); // it was there to leak
    for (const b of bodies) expect(b).not.toContain(CANARY);
  }, 60_000);

  it('SIGTERM stops the server and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => ui.once('exit', (code) => resolve(code)));
    ui.kill('SIGTERM');
    expect(await exited).toBe(0);
    await eventually(async () =>
      expect(
        await fetch(`${base}/api/state`, { headers: auth() }).then(
          () => 'answered',
          () => 'refused',
        ),
      ).toBe('refused'),
    );
  });
});

describe('pond up --watch --ui serves the same dashboard beside watch mode', () => {
  const s = scenario('ui-server-watch', { folder: 'ui-server/watch' });
  const { project } = s;
  let watch: ChildProcess | undefined;
  let origin = '';
  let token = '';
  const headers = (): Record<string, string> => ({
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  });

  beforeAll(async () => {
    watch = s.start(['up', '--watch', '--ui'], { CI: '1', POND_WATCH_DEBOUNCE: '50ms' });
    let err = '';
    const printed = await new Promise<string>((resolve, reject) => {
      watch!.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /dashboard: (\S+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      watch!.once('exit', (code) => reject(new Error(`pond up --watch exited ${code}: ${err}`)));
    });
    const url = new URL(printed);
    origin = url.origin;
    token = url.searchParams.get('token')!;
  }, 120_000);

  it('says it watches, and a restart goes through although watch mode holds the project lock', async () => {
    const state = (await (await fetch(`${origin}/api/state`, { headers: headers() })).json()) as UiState;
    expect(state.watch).toBe(true);
    expect(state.workloads.map((w) => [w.name, w.state])).toEqual([['worker', 'running']]);
    const before = (await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', `${project}-worker`)).split(' ');
    const res = await fetch(`${origin}/api/workloads/worker/restart`, {
      method: 'POST',
      headers: headers(),
      body: '{}',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (await docker('inspect', '-f', '{{.Id}} {{.State.StartedAt}}', `${project}-worker`)).split(' ');
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  });

  it('sends the plan a save causes as event: plan, its step ending done, and the new workload runs', async () => {
    const stream = readSse(
      `${origin}/api/events?token=${token}`,
      (ev) => ev.some((e) => e.event === 'plan' && /"name":"extra".*"status":"done"/.test(e.data)),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    s.use('extra');
    const plans = (await stream).events
      .filter((e) => e.event === 'plan')
      .map((e) => JSON.parse(e.data) as NonNullable<UiState['plan']>);
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.at(-1)!.steps).toEqual([expect.objectContaining({ action: 'create', name: 'extra', status: 'done' })]);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-extra`)).toBe('running');
  }, 90_000);
});
