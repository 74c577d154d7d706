import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The one source of pond's version, as the bundle has it (src/version.ts).
  define: { __POND_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // The JSON report feeds the plain "N passed, N failed" line .ci/run ends with.
    reporters: ['default', 'json'],
    outputFile: { json: 'dist/test-results.json' },
  },
});
