import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Entry for the validate floor: read one pond.yaml and parse it as YAML, the least a validator must do. */
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: parse-process.js FILE\n');
  process.exit(3);
}
const doc = parse(readFileSync(file, 'utf8')) as { workloads?: object };
process.stdout.write(`${Object.keys(doc.workloads ?? {}).length}\n`);
