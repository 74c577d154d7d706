// Precompiles schema/pond.schema.json with ajv's standalone code into dist/src/config/precompiled.js,
// over tsc's output of the stand-in src/config/precompiled.ts, so the bundles inline it and a valid
// file is checked without compiling the schema at start-up (~250 ms on this machine).
// Invalid files still go through the full, verbose validator that explains each error.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const text = fs.readFileSync(path.join(root, 'schema/pond.schema.json'), 'utf8');
const ajv = new Ajv({
  code: { source: true, esm: true },
  strictSchema: true,
  strictTypes: false,
  strictRequired: false,
  strictTuples: false,
});
const validate = ajv.compile(JSON.parse(text));
const hash = createHash('sha256')
  .update(JSON.stringify(JSON.parse(text)))
  .digest('hex');
const out = path.join(root, 'dist/src/config/precompiled.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
// ajv's ESM output still calls require() for its runtime helpers; give the module one (it also runs
// unbundled, from dist/, under the bench).
const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
fs.writeFileSync(
  out,
  `${prelude}${standaloneCode.default(ajv, validate)}\nexport const schemaHash = ${JSON.stringify(hash)};\n`,
);
