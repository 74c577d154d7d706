import { beforeAll, describe, expect, it } from 'vitest';
import { writePage } from '../../../scripts/build-page.mjs';
import { NONCE_MARK, pageHtml } from '../../../src/ui/page-html.js';

/** The page's budget: the whole document, script and CSS inlined, uncompressed. */
const BUDGET = 60 * 1024;
const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';

describe('the built ui page', () => {
  beforeAll(async () => {
    await writePage();
  });

  it('is one document: its script and CSS are inline, nothing loads from elsewhere', () => {
    const html = pageHtml(NONCE);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*stylesheet/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('carries the nonce of the response on its script, and no placeholder', () => {
    const html = pageHtml(NONCE);
    expect(html).toContain(`<script nonce="${NONCE}">`);
    expect(html).not.toContain(NONCE_MARK);
  });

  it('refuses a nonce that could break out of its attribute', () => {
    expect(() => pageHtml('"><script>alert(1)</script>')).toThrow(/nonce/);
  });

  it(`stays within its budget of ${BUDGET} bytes`, () => {
    const size = Buffer.byteLength(pageHtml(NONCE));
    expect(size).toBeLessThan(BUDGET);
  });
});
