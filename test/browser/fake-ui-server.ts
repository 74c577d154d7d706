// A FAKE `pond ui` server: it serves the built page and canned UiState/SSE exactly as the contract
// (src/ui/API.md) says, so the page can be tested in a browser before, and apart from, the real server.
// It proves what the page does with the contract's data, nothing about pond's own observation.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageHtml } from '../../src/ui/page-html.js';
import type { UiLogLine, UiOutcome, UiState, UiStats } from '../../src/ui/types.js';

/** A POST as the fake received it. */
export interface Received {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface FakeUi {
  url: string;
  token: string;
  posts: Received[];
  /** The query of every `/api/events` the page opened, in order. */
  streams: URLSearchParams[];
  /** How many event streams are open now. */
  openStreams(): number;
  state: UiState;
  pushState(state: UiState): void;
  pushStats(stats: UiStats): void;
  pushPlan(plan: UiState['plan']): void;
  pushLine(line: UiLogLine): void;
  /** Ends every open event stream, as a restarted server would. */
  dropStreams(): void;
  /** A new token, as a restarted `pond ui` has: the page's one is refused from now on. */
  rotateToken(): void;
  outcome: UiOutcome;
  close(): Promise<void>;
}

const SECURITY = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export async function startFakeUi(initial: UiState, tail: UiLogLine[] = []): Promise<FakeUi> {
  const events = new Set<http.ServerResponse>();
  const logs = new Map<http.ServerResponse, string>();
  const wants = (w: string | undefined, line: UiLogLine): boolean => w === '*' || w === line.workload;
  const send = (res: http.ServerResponse, event: string, data: unknown): void =>
    void res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const fake: FakeUi = {
    url: '',
    token: randomBytes(32).toString('base64url'),
    posts: [],
    streams: [],
    state: initial,
    outcome: { ok: true, message: 'restarted web' },
    pushState(state) {
      fake.state = state;
      for (const res of events) send(res, 'state', state);
    },
    pushStats: (stats) => events.forEach((res) => send(res, 'stats', stats)),
    pushPlan: (plan) => events.forEach((res) => send(res, 'plan', plan)),
    pushLine(line) {
      for (const [res, w] of logs) if (wants(w, line)) send(res, 'line', line);
    },
    openStreams: () => events.size,
    dropStreams() {
      for (const res of events) res.destroy();
    },
    rotateToken() {
      fake.token = randomBytes(32).toString('base64url');
    },
    close: () =>
      new Promise((resolve) => {
        fake.dropStreams();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const bearer = req.headers.authorization === `Bearer ${fake.token}`;
    if (!bearer && url.searchParams.get('token') !== fake.token)
      return void res.writeHead(401, SECURITY).end('401: no or wrong token');
    if (req.method === 'POST') return void post(req, res, url.pathname);
    if (url.pathname === '/') return void page(res);
    if (url.pathname === '/api/state')
      return void res
        .writeHead(200, { ...SECURITY, 'Content-Type': 'application/json' })
        .end(JSON.stringify(fake.state));
    if (url.pathname === '/api/events') {
      const w = url.searchParams.get('logs') ?? undefined;
      fake.streams.push(url.searchParams);
      stream(res, events);
      send(res, 'state', fake.state);
      if (w === undefined) return;
      logs.set(res, w);
      res.on('close', () => logs.delete(res));
      for (const line of tail) if (wants(w, line)) send(res, 'line', line);
      return;
    }
    const run = /^\/api\/runs\/([^/]+)\/([^/]+)\/(logs|results)$/.exec(url.pathname);
    if (run)
      return void res
        .writeHead(200, { ...SECURITY, 'Content-Type': run[3] === 'logs' ? 'text/plain' : 'application/json' })
        .end(run[3] === 'logs' ? `log of ${run[1]} run ${run[2]}\n` : '{"pnl": 12.5}');
    res.writeHead(404, SECURITY).end('not found');
  });
  const page = (res: http.ServerResponse): void => {
    const nonce = randomBytes(16).toString('base64');
    res
      .writeHead(200, {
        ...SECURITY,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:`,
      })
      .end(pageHtml(nonce));
  };
  const stream = (res: http.ServerResponse, set: Set<http.ServerResponse>): void => {
    res.writeHead(200, { ...SECURITY, 'Content-Type': 'text/event-stream' });
    set.add(res);
    res.on('close', () => set.delete(res));
  };
  const post = (req: http.IncomingMessage, res: http.ServerResponse, path: string): void => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      fake.posts.push({
        path,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      res.writeHead(200, { ...SECURITY, 'Content-Type': 'application/json' }).end(JSON.stringify(fake.outcome));
    });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?token=${fake.token}`;
  return fake;
}
