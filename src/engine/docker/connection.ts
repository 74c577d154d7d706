import { request, type IncomingMessage } from 'node:http';
import type Dockerode from 'dockerode';
import type { Endpoint } from './endpoint.js';
import { isConnectionFault, isTransientRead, withRetry, type RetryPolicy, DEFAULT_RETRY } from './retry.js';

/** An error shaped like docker-modem's, so one classifier handles both clients. */
export interface HttpError extends Error {
  statusCode: number;
  json?: { message?: string };
}

/**
 * Per request: `timeoutMs` (default 30 s) and whether transient failures are retried under the
 * connection's policy. GETs retry by default; a mutation retries only when its caller says it is
 * idempotent (start, stop, remove, create of a labelled network or volume), and then only on
 * connection faults, never on an HTTP status: an engine that answered 5xx to a mutation meant it.
 */
export interface RequestOptions {
  timeoutMs?: number;
  retry?: boolean;
}

/**
 * A lazily connected engine client. The raw JSON path (node:http) serves every plain request-answer
 * call, reads and mutations alike, without paying dockerode's import cost (§6: 0.15–0.7 s, which sat
 * on the critical path of every apply); dockerode, loaded once on first use, serves the streams
 * (pull progress, logs, exec, wait).
 */
export interface Connection {
  readonly endpoint: Endpoint;
  docker(): Promise<Dockerode>;
  readonly retry: RetryPolicy;
  getJson<T>(path: string, opts?: RequestOptions): Promise<T>;
  /** POST/DELETE with an optional JSON body; rejects with an HttpError for non-2xx answers (304 too). */
  call<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  /** A request whose answer is a stream (logs, exec output): resolves with the body once a 2xx status arrives. */
  stream(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<IncomingMessage>;
}

/** Creates a connection; nothing is dialled or imported until the first call. */
export function createConnection(endpoint: Endpoint, retry: RetryPolicy = DEFAULT_RETRY): Connection {
  let client: Promise<Dockerode> | undefined;
  const retried = <T>(run: () => Promise<T>, on: boolean | undefined, retryable: (err: unknown) => boolean): Promise<T> =>
    on ? withRetry(retry, run, retryable) : run();
  return {
    endpoint,
    retry,
    docker: () => (client ??= loadDockerode(endpoint)),
    getJson: (path, opts) => retried(() => send(endpoint, 'GET', path, undefined, opts?.timeoutMs), opts?.retry ?? true, isTransientRead),
    call: (method, path, body, opts) => retried(() => send(endpoint, method, path, body, opts?.timeoutMs), opts?.retry, isConnectionFault),
    stream: (method, path, body, signal) => openStream(endpoint, method, path, body, signal),
  };
}

async function loadDockerode(endpoint: Endpoint): Promise<Dockerode> {
  const { default: Docker } = await import('dockerode');
  if (endpoint.socketPath) return new Docker({ socketPath: endpoint.socketPath });
  return new Docker({ host: endpoint.host, port: endpoint.port, protocol: 'http' });
}

function send<T>(endpoint: Endpoint, method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
  if (endpoint.unsupported) return Promise.reject(Object.assign(new Error(endpoint.unsupported), { code: 'EUNSUPPORTED' }));
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { accept: 'application/json', ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) };
  return new Promise<T>((resolve, reject) => {
    const req = request({ ...target(endpoint), path, method, timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => settle(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), resolve, reject));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Where requests to the engine go: its socket, or host and port. */
export function target(endpoint: Endpoint): { socketPath: string } | { host?: string; port?: number } {
  return endpoint.socketPath ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
}

/** Streams are the slow part of a probe or log read, so they go over node:http too, not dockerode. */
function openStream(endpoint: Endpoint, method: string, path: string, body: unknown, signal?: AbortSignal): Promise<IncomingMessage> {
  if (endpoint.unsupported) return Promise.reject(Object.assign(new Error(endpoint.unsupported), { code: 'EUNSUPPORTED' }));
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const req = request({ ...target(endpoint), path, method, headers, ...(signal && { signal }) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(res);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => settle(status, Buffer.concat(chunks).toString('utf8'), resolve as (v: unknown) => void, reject));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function settle<T>(status: number, body: string, resolve: (v: T) => void, reject: (e: unknown) => void): void {
  const json = parse(body);
  if (status >= 200 && status < 300) return resolve(json as T);
  const message = (json as { message?: string } | undefined)?.message ?? body.trim();
  const err = new Error(`(HTTP code ${status}) ${message}`) as HttpError;
  err.statusCode = status;
  err.json = { message };
  reject(err);
}

function parse(body: string): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Percent-encodes a query parameter holding engine filters (`{"label":["k=v"]}`). */
export function filtersQuery(filters: Record<string, string[]>): string {
  return `filters=${encodeURIComponent(JSON.stringify(filters))}`;
}
