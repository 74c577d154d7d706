import type { UiOutcome } from '../types.js';

/** The per-start token from the URL the server printed: every request carries it. */
export function token(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}

/** A same-origin URL with the token as a query parameter, for EventSource (which cannot set headers). */
export function streamUrl(path: string, params: Record<string, string | undefined> = {}): string {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  url.searchParams.set('token', token());
  return url.pathname + url.search;
}

const auth = (): Record<string, string> => ({ Authorization: `Bearer ${token()}` });

/** POSTs a JSON body and answers a UiOutcome, also for refusals (401, 403, 409) and a lost server. */
export async function post(path: string, body: unknown = {}): Promise<UiOutcome> {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = parseOutcome(text);
    if (parsed) return res.ok ? parsed : { ...parsed, ok: false };
    return { ok: res.ok, message: text.trim() || `${res.status} ${res.statusText}` };
  } catch (err) {
    return { ok: false, message: `pond ui did not answer: ${(err as Error).message}` };
  }
}

function parseOutcome(text: string): UiOutcome | undefined {
  try {
    const v = JSON.parse(text) as Partial<UiOutcome>;
    return typeof v.message === 'string'
      ? { ok: v.ok === true, message: v.message, ...(v.exitCode !== undefined ? { exitCode: v.exitCode } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** GETs a text resource (a run's logs, its results) with the bearer token. */
export async function getText(path: string): Promise<string> {
  const res = await fetch(path, { headers: auth() });
  const text = await res.text();
  if (!res.ok) throw new Error(text.trim() || `${res.status} ${res.statusText}`);
  return text;
}

/** The HTTP status of GET /api/state, 0 when nothing answers: tells a refused token from a server that is gone. */
export async function probe(): Promise<number> {
  try {
    return (await fetch('/api/state', { headers: auth() })).status;
  } catch {
    return 0;
  }
}
