import { readFileSync } from 'node:fs';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';

/**
 * Entry for the validate floor: read one pond.yaml and load it with js-yaml's failsafe schema (every
 * scalar a string, no positions), the least a validator must do. It was the `yaml` library's parse
 * until pond, which now reads through js-yaml, beat that.
 */
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: parse-process.js FILE\n');
  process.exit(3);
}
const doc = load(readFileSync(file, 'utf8'), { schema: FAILSAFE_SCHEMA }) as { workloads?: object };
process.stdout.write(`${Object.keys(doc.workloads ?? {}).length}\n`);
