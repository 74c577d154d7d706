import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { pageHtml } from '../page-html.js';
import { ALL_LOGS, type UiOutcome, type UiState } from '../types.js';
import { operate, runBotNow, runQueryNow, type ActionDeps, type Answer } from './actions.js';
import { refusal, securityHeaders } from './auth.js';
import type { StateHub } from './hub.js';
import { streamLogs } from './logs.js';
import { redactDeep, uiSecrets } from './redact.js';
import { runFile } from './run-files.js';
import { openSse } from './sse.js';

/** What the routes answer from; `port` is known once the server listens. */
export interface RouteDeps extends ActionDeps {
  token: string;
  port: () => number;
  hub: StateHub;
  readState: () => Promise<UiState>;
  /** Watch mode: lets the held data-losing steps run (the y key of `pond up --watch`). Absent: not watching. */
  approve?: () => UiOutcome;
  onError: (e: unknown) => void;
}

const POST = /^\/api\/(workloads|bots|queries)\/([^/]+)\/(restart|stop|start|run)$/;
const RUN_FILE = /^\/api\/runs\/([^/]+)\/([^/]+)\/(logs|results)$/;

/** Answers one request: refused (401/403/415) before anything else is looked at, then routed. */
export async function handle(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const h = req.headers;
  const refused = refusal(
    {
      method: req.method ?? 'GET',
      queryToken: url.searchParams.get('token') ?? undefined,
      authorization: h.authorization,
      origin: h.origin,
      secFetchSite: one(h['sec-fetch-site']),
      contentType: h['content-type'],
    },
    deps.token,
    deps.port(),
  );
  if (refused) return json(res, refused.status, { ok: false, message: refused.message });
  if (req.method === 'GET') return get(deps, url, res);
  if (req.method === 'POST') return json(res, ...(await post(deps, url.pathname, await body(req))));
  return json(res, 405, { ok: false, message: `${req.method} is not answered here` });
}

async function get(deps: RouteDeps, url: URL, res: ServerResponse): Promise<void> {
  const p = url.pathname;
  if (p === '/' || p === '/index.html') return page(res);
  if (p === '/api/state') return json(res, 200, await deps.readState());
  if (p === '/api/events') return events(deps, url, res);
  const m = RUN_FILE.exec(p);
  if (m) {
    const file = runFile(
      deps.project().spec.dir,
      decodeURIComponent(m[1]!),
      decodeURIComponent(m[2]!),
      m[3] as 'logs' | 'results',
      secrets(deps),
    );
    return file
      ? send(res, 200, file.contentType, file.body)
      : json(res, 404, { ok: false, message: 'no such run file' });
  }
  return json(res, 404, { ok: false, message: `nothing at ${p}` });
}

/**
 * A page's one stream: the hub's shared state, stats and plan, and, when `logs` names a workload (or
 * every one), that page's own log follow on the same connection, ended when the page goes. A name
 * that is no workload gets no lines but still the state: a page whose workload was just removed from
 * pond.yaml must not lose its whole view when it reconnects with the old choice.
 */
async function events(deps: RouteDeps, url: URL, res: ServerResponse): Promise<void> {
  const project = deps.project();
  const logs = url.searchParams.get('logs');
  const client = openSse(res, securityHeaders());
  deps.hub.add(client);
  if (logs === null) return;
  const tail = Math.min(Math.max(Number(url.searchParams.get('tail') ?? 200) || 0, 0), 10_000);
  const workload = logs === ALL_LOGS ? undefined : logs;
  await streamLogs(
    deps.engine,
    {
      project: project.spec.name,
      ...(workload !== undefined && { workload }),
      tail,
      secrets: secrets(deps),
      signal: client.closed,
    },
    (line) => client.send('line', line),
  ).catch(deps.onError);
}

async function post(deps: RouteDeps, p: string, payload: unknown): Promise<[number, UiOutcome]> {
  const m = POST.exec(p);
  const name = m ? decodeURIComponent(m[2]!) : '';
  let answer: Answer | undefined;
  if (m?.[1] === 'workloads' && m[3] !== 'run')
    answer = await operate(deps, m[3] as 'restart' | 'stop' | 'start', name);
  else if (m?.[1] === 'bots' && m[3] === 'run') answer = await runBotNow(deps, name);
  else if (m?.[1] === 'queries' && m[3] === 'run') answer = await runQueryNow(deps, name);
  else if (p === '/api/plan/apply') answer = applyPlanNow(deps, payload);
  if (!answer) return [404, { ok: false, message: `nothing at ${p}` }];
  deps.hub.changed();
  return [answer.status, redactDeep(answer.outcome, secrets(deps))];
}

function applyPlanNow(deps: RouteDeps, payload: unknown): Answer {
  if (!deps.approve)
    return {
      status: 409,
      outcome: { ok: false, message: 'there is a plan to apply only beside pond up --watch --ui' },
    };
  if (!(payload && typeof payload === 'object' && (payload as { confirm?: unknown }).confirm === true))
    return {
      status: 400,
      outcome: { ok: false, message: 'send {"confirm": true} to apply the steps that delete data' },
    };
  return { status: 200, outcome: deps.approve() };
}

function secrets(deps: RouteDeps): string[] {
  return uiSecrets(deps.project().spec);
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The request's JSON body (at most 64 KiB); anything unreadable is an empty object. */
async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 65536) return {};
    chunks.push(c);
  }
  try {
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : {};
  } catch {
    return {};
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The page with a fresh nonce on each of its inline scripts, allowed by this response's CSP alone. */
function page(res: ServerResponse): void {
  const nonce = randomBytes(16).toString('base64');
  const html = pageHtml(nonce);
  res.writeHead(200, {
    ...securityHeaders(nonce),
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}
