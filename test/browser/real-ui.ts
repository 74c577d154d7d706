// What the browser tests against a REAL `pond ui` share: the server as a child process, and a
// recorder of everything the page received (bodies and SSE messages), for the secret canaries.
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';

/** A running `pond ui --no-open --format json`: where it listens and the token it printed. */
export interface RealUi {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Waits for the first stdout line (`{url, port}`) of a `pond ui` child; rejects with its stderr if it exits first. */
export async function startedUi(child: ChildProcess): Promise<RealUi> {
  let err = '';
  child.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`pond ui exited ${code}: ${err}`)));
  });
  const url = new URL((JSON.parse(first) as { url: string }).url);
  return {
    url: url.href,
    origin: url.origin,
    token: url.searchParams.get('token')!,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Every body the pages of a session received: responses as Playwright hands them over, and the
 * messages of EventSource streams (whose bodies never end) through the DevTools protocol.
 */
export interface Received {
  bodies: { url: string; text: string }[];
  pending: Promise<unknown>[];
}

/** A new page whose every response body and SSE message goes into `rec`, recording before it navigates. */
export async function recordedPage(context: BrowserContext, rec: Received): Promise<Page> {
  const page = await context.newPage();
  page.on('response', (res) => {
    if ((res.headers()['content-type'] ?? '').startsWith('text/event-stream')) return;
    rec.pending.push(
      res.text().then(
        (text) => rec.bodies.push({ url: res.url(), text }),
        () => undefined,
      ),
    );
  });
  const cdp = await context.newCDPSession(page);
  cdp.on(
    'Network.eventSourceMessageReceived',
    (m) => void rec.bodies.push({ url: `sse:${m.eventName}`, text: m.data }),
  );
  await cdp.send('Network.enable');
  return page;
}

/** The raw text of a stream (an SSE endpoint) read until `until` holds for it or `timeoutMs` passes. */
export async function readStream(url: string, until: (raw: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let raw = '';
  try {
    const res = await fetch(url, { signal: abort.signal });
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      raw += Buffer.from(chunk).toString('utf8');
      if (until(raw)) break;
    }
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return raw;
}
