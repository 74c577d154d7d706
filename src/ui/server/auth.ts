import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a request carries that decides whether it may be answered. Header names lowercase, as node:http gives them. */
export interface RequestFacts {
  method: string;
  /** The URL's `token` query parameter (EventSource cannot set headers). */
  queryToken?: string;
  authorization?: string;
  origin?: string;
  secFetchSite?: string;
  contentType?: string;
}

/**
 * Why a request is refused, or undefined when it may go on. The token is checked first, on every
 * request (the page too), so that nothing but "401" is learnt without it; POSTs must also come from
 * this server's own page (Origin, Sec-Fetch-Site) and say they send JSON (a cross-site form cannot).
 */
export type Refusal = { status: 401 | 403 | 415; message: string };

/** A fresh token: 32 random bytes, base64url (it travels in the printed URL). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time: both sides are hashed first, so neither length nor content leaks through timing. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The token a request presents: the Bearer header, else the query parameter. */
export function presentedToken(r: Pick<RequestFacts, 'authorization' | 'queryToken'>): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(r.authorization ?? '')?.[1];
  return bearer ?? r.queryToken;
}

/** The origins this server's page is served from. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function refusal(r: RequestFacts, token: string, port: number): Refusal | undefined {
  if (!sameToken(presentedToken(r), token))
    return { status: 401, message: 'a valid token is needed: open the URL pond ui printed' };
  if (r.method !== 'POST') return undefined;
  if (r.origin !== undefined && !ownOrigins(port).includes(r.origin))
    return { status: 403, message: `requests from ${r.origin} are refused` };
  if (r.secFetchSite === 'cross-site') return { status: 403, message: 'cross-site requests are refused' };
  if (!/^application\/json(;|$)/i.test(r.contentType ?? ''))
    return { status: 415, message: 'send Content-Type: application/json' };
  return undefined;
}

/** Every response carries these: nothing cached, nothing sniffed, no referrer (the token is in the URL). */
export function securityHeaders(nonce?: string): Record<string, string> {
  const script = nonce ? `; script-src 'self' 'nonce-${nonce}'` : '';
  return {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': `default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:${script}`,
    'Referrer-Policy': 'no-referrer',
  };
}
