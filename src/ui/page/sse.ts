/** What a live stream reports about itself, for the connection badge. */
export type StreamStatus = 'live' | 'reconnecting';

/** A stream that outlives its connection: close() is the only way it ends. */
export interface Stream {
  close(): void;
}

interface Options {
  events: Record<string, (data: unknown) => void>;
  /** Each (re)connect: a reconnected stream resends its start (state, log tail), so the view resets. */
  onOpen?: (first: boolean) => void;
  onStatus?: (status: StreamStatus) => void;
  /** The server answered with an error (not a dropped connection): a wrong token, a restarted server. */
  onRefused?: () => void;
}

const MAX_DELAY = 5000;

/**
 * An EventSource that reconnects: the browser retries a dropped connection by itself, but gives up
 * for good on an error answer (a restarted server, 401/5xx); then this opens a new one, backing off.
 * A hidden tab lets go of its connection and reconnects when shown: the server then follows no
 * logs and samples no stats for a page nobody looks at, and the browser's six connections per
 * origin (one held by each open tab's stream) go to the tabs in view.
 */
export function openStream(url: string, opts: Options): Stream {
  let source: EventSource | undefined;
  let timer: number | undefined;
  let delay = 250;
  let opened = false;
  let closed = false;
  const connect = (): void => {
    const es = new EventSource(url);
    source = es;
    es.addEventListener('open', () => {
      delay = 250;
      opts.onStatus?.('live');
      opts.onOpen?.(!opened);
      opened = true;
    });
    es.addEventListener('error', () => {
      opts.onStatus?.('reconnecting');
      if (es.readyState !== EventSource.CLOSED || closed) return;
      opts.onRefused?.();
      timer = window.setTimeout(connect, delay);
      delay = Math.min(MAX_DELAY, delay * 2);
    });
    for (const [name, handle] of Object.entries(opts.events)) {
      es.addEventListener(name, (e) => {
        const data = parse((e as MessageEvent<string>).data);
        if (data !== undefined) handle(data);
      });
    }
  };
  const pause = (): void => {
    window.clearTimeout(timer);
    source?.close();
    source = undefined;
  };
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') return pause();
    if (!source) connect();
  };
  document.addEventListener('visibilitychange', onVisibility);
  if (document.visibilityState !== 'hidden') connect();
  return {
    close() {
      closed = true;
      document.removeEventListener('visibilitychange', onVisibility);
      window.clearTimeout(timer);
      source?.close();
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
