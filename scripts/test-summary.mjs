// Prints vitest's result as one plain closing line, "N passed, N failed[, N skipped]", from the JSON
// report vitest.config.ts writes. CI logs end with it; it prints nothing when there is no report.
import fs from 'node:fs';

const file = process.argv[2] ?? 'dist/test-results.json';
if (!fs.existsSync(file)) process.exit(0);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
