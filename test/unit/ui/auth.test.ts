import { describe, expect, it } from 'vitest';
import { newToken, presentedToken, refusal, sameToken, securityHeaders } from '../../../src/ui/server/auth.js';

const token = newToken();
const port = 7400;
const post = { method: 'POST', authorization: `Bearer ${token}`, contentType: 'application/json' };

describe('ui auth decisions', () => {
  it('a token is 32 random bytes in base64url', () => {
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(token);
  });

  it('only the exact token matches', () => {
    expect(sameToken(token, token)).toBe(true);
    expect(sameToken(token.slice(0, -1), token)).toBe(false);
    expect(sameToken(`${token}x`, token)).toBe(false);
    expect(sameToken(undefined, token)).toBe(false);
  });

  it('the Bearer header wins over the query parameter', () => {
    expect(presentedToken({ authorization: 'Bearer a', queryToken: 'b' })).toBe('a');
    expect(presentedToken({ queryToken: 'b' })).toBe('b');
  });

  it('a request without the token is refused with 401, the page as well as the API', () => {
    expect(refusal({ method: 'GET' }, token, port)?.status).toBe(401);
    expect(refusal({ method: 'GET', queryToken: 'wrong' }, token, port)?.status).toBe(401);
    expect(refusal({ ...post, authorization: undefined, origin: 'http://evil.example' }, token, port)?.status).toBe(
      401,
    );
  });

  it('a GET with the token in the query is answered', () => {
    expect(refusal({ method: 'GET', queryToken: token }, token, port)).toBeUndefined();
  });

  it('a POST from a foreign origin is refused with 403', () => {
    expect(refusal({ ...post, origin: 'http://evil.example' }, token, port)?.status).toBe(403);
    expect(refusal({ ...post, origin: 'http://127.0.0.1:7401' }, token, port)?.status).toBe(403);
  });

  it('a POST marked cross-site is refused with 403 even without an Origin', () => {
    expect(refusal({ ...post, secFetchSite: 'cross-site' }, token, port)?.status).toBe(403);
  });

  it("a POST from this server's own origin, or with no Origin, is answered", () => {
    expect(refusal({ ...post, origin: `http://127.0.0.1:${port}` }, token, port)).toBeUndefined();
    expect(
      refusal({ ...post, origin: `http://localhost:${port}`, secFetchSite: 'same-origin' }, token, port),
    ).toBeUndefined();
    expect(refusal(post, token, port)).toBeUndefined();
  });

  it('a POST that does not say it sends JSON is refused with 415', () => {
    expect(refusal({ ...post, contentType: 'text/plain' }, token, port)?.status).toBe(415);
    expect(refusal({ ...post, contentType: undefined }, token, port)?.status).toBe(415);
    expect(refusal({ ...post, contentType: 'application/json; charset=utf-8' }, token, port)).toBeUndefined();
  });

  it('every response forbids caching, sniffing and referrers, and allows scripts only by nonce', () => {
    const h = securityHeaders('abc');
    expect(h).toMatchObject({
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    expect(h['Content-Security-Policy']).toBe(
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self' 'nonce-abc'",
    );
    expect(securityHeaders()['Content-Security-Policy']).toBe(
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    );
  });
});
