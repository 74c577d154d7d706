import { EngineError, PondError } from '../../errors.js';
import type { Endpoint } from './endpoint.js';
import { isTlsFailure, UNREACHABLE_CODES, unreachableError } from './unreachable.js';

/** The HTTP status of an engine error (the raw client's HttpError), if it has one. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The engine's own words, without docker-modem's "(HTTP code N) reason -" prefix. */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: unknown } | string; message?: unknown } | null;
  const json = e?.json;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message.trim();
  if (typeof json === 'string' && json.trim()) return json.trim();
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** True when the failure means no engine answered at all, rather than an engine saying no. */
export function isUnreachable(err: unknown): boolean {
  if (statusOf(err) !== undefined) return false;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (UNREACHABLE_CODES.has(code) || isTlsFailure(code));
}

/**
 * The one place engine failures become pond errors: unreachable → EngineUnreachableError naming the
 * endpoint tried; PondErrors pass through; anything else → EngineError with the engine's message,
 * prefixed by `action` ("create container db"), and its HTTP status.
 */
export function classify(err: unknown, endpoint: Endpoint, action: string, hint?: string): PondError {
  if (err instanceof PondError) return err;
  if (isUnreachable(err)) return unreachableError(err, endpoint);
  return new EngineError(`${action} failed: ${engineMessage(err)}`, statusOf(err), hint);
}

/** Runs `call`, turning the listed HTTP statuses into `undefined` (e.g. 304 "already started"). */
export async function tolerate<T>(call: () => Promise<T>, statuses: number[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    const status = statusOf(err);
    if (status !== undefined && statuses.includes(status)) return undefined;
    throw err;
  }
}
