import type { ServerResponse } from 'node:http';

/** One open event stream to a page; `closed` aborts when the page goes. */
export interface SseClient {
  send(event: string, data: unknown): void;
  readonly closed: AbortSignal;
}

/** Keeps idle connections (and proxies) from timing the stream out. */
const HEARTBEAT_MS = 15_000;

/** Turns a response into an event stream: headers sent now, a comment line every 15 s, `closed` when either side ends. */
export function openSse(res: ServerResponse, headers: Record<string, string>): SseClient {
  const abort = new AbortController();
  res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  res.write(': pond\n\n');
  const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const end = (): void => {
    clearInterval(beat);
    abort.abort();
  };
  res.once('close', end);
  abort.signal.addEventListener('abort', () => res.writableEnded || res.end());
  return {
    closed: abort.signal,
    send: (event, data) => {
      if (!abort.signal.aborted) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
  };
}
