import type { IncomingMessage } from 'node:http';
import type Dockerode from 'dockerode';
import { loadDockerode } from './dockerode.js';
import type { Endpoint } from './endpoint.js';
import { dialer, type Dial } from './transport.js';
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
 * A lazily connected engine client over node:http, whatever the transport (unix socket, TCP, TLS,
 * ssh): every call, stream and hijack goes through `dial`, so each works over each transport, and
 * no client library is imported on the cold path (§6: dockerode alone took 0.15–0.7 s). dockerode,
 * loaded on first use over the same transport, serves pull progress.
 */
export interface Connection {
  readonly endpoint: Endpoint;
  /** Opens a raw request to the engine (hijack.ts needs the request itself, for the upgrade). */
  readonly dial: Dial;
  readonly retry: RetryPolicy;
  /** dockerode over this endpoint's transport, imported on first use. */
  docker(): Promise<Dockerode>;
  getJson<T>(path: string, opts?: RequestOptions): Promise<T>;
  /** POST/DELETE with an optional JSON body; rejects with an HttpError for non-2xx answers (304 too). */
  call<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  /** A request whose answer is a stream (logs, exec output): resolves with the body once a 2xx status arrives. */
  stream(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<IncomingMessage>;
}

/** Creates a connection; nothing is dialled or imported until the first call. */
export function createConnection(endpoint: Endpoint, retry: RetryPolicy = DEFAULT_RETRY): Connection {
  let opened: Dial | undefined;
  let client: Promise<Dockerode> | undefined;
  const dial: Dial = (o) => (opened ??= dialer(endpoint))(o);
  const retried = <T>(
    run: () => Promise<T>,
    on: boolean | undefined,
    retryable: (err: unknown) => boolean,
  ): Promise<T> => (on ? withRetry(retry, run, retryable) : run());
  return {
    endpoint,
    retry,
    dial,
    docker: () => (client ??= loadDockerode(endpoint)),
    getJson: (path, opts) =>
      retried(() => send(dial, 'GET', path, undefined, opts?.timeoutMs), opts?.retry ?? true, isTransientRead),
    call: (method, path, body, opts) =>
      retried(() => send(dial, method, path, body, opts?.timeoutMs), opts?.retry, isConnectionFault),
    stream: (method, path, body, signal) => openStream(dial, method, path, body, signal),
  };
}

function send<T>(dial: Dial, method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = {
    accept: 'application/json',
    ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
  };
  return new Promise<T>((resolve, reject) => {
    const req = dial({ path, method, timeout: timeoutMs, headers });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => settle(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), resolve, reject));
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function openStream(
  dial: Dial,
  method: string,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<IncomingMessage> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers =
    payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const req = dial({ path, method, headers, ...(signal && { signal }) });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(res);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        settle(status, Buffer.concat(chunks).toString('utf8'), resolve as (v: unknown) => void, reject),
      );
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
