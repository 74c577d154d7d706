import fs from 'node:fs';

declare const __POND_VERSION__: string | undefined;

/**
 * pond's version, whose one source is package.json. The bundle (scripts/bundle.mjs) and vitest
 * (vitest.config.ts) write it in at build time, so `pond --version` and every `dev.pond.version`
 * label read no file at start-up; only unbundled compiled code (dist/bench) reads package.json.
 */
export const POND_VERSION: string = typeof __POND_VERSION__ === 'string' ? __POND_VERSION__ : packageVersion();

function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      continue;
    }
  }
  return '0.0.0';
}
