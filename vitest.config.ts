import { defineConfig } from 'vitest/config';

export default defineConfig({
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
