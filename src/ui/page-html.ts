import { readFileSync } from 'node:fs';

/** The placeholder scripts/build-page.mjs leaves in the page's <script nonce="…">. */
export const NONCE_MARK = '__POND_NONCE__';

// dist/ui/page.html, as seen from the bundles (dist/src/cli/, dist/src/api/) and tsc's dist/src/ui/,
// which sit at the same depth; then from src/ui/ itself, as under vitest.
const CANDIDATES = ['../../ui/page.html', '../../dist/ui/page.html'];

let cached: string | undefined;

function load(): string {
  for (const rel of CANDIDATES) {
    try {
      return readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      continue;
    }
  }
  throw new Error(
    'pond ui: the page is missing (dist/ui/page.html): reinstall pond, or run `npm run build` in a clone',
  );
}

/**
 * The page as one HTML document, its inline script allowed by this response's CSP nonce. Read once
 * per process from the file the build wrote (scripts/build-page.mjs), not embedded in the bundle:
 * only `pond ui` pays for its ~40 KB.
 */
export function pageHtml(nonce: string): string {
  if (!/^[A-Za-z0-9+/_=-]{16,}$/.test(nonce))
    throw new Error('pond ui: a CSP nonce is base64 of at least 16 characters');
  cached ??= load();
  return cached.replaceAll(NONCE_MARK, nonce);
}
