// Writes schema/pond.schema.json and schema/pond.expected.json from their parts: schema/parts/*.json
// (the project, the keys every workload takes, pond's phrases) and each registered kind's own part
// (src/workloads/<kind>/schema.json, listed by src/workloads/registry.ts). Runs before tsc in
// `npm run build`, so it bundles src/workloads/schema.ts itself with esbuild rather than import dist/.
// test/unit/workloads/schema-build.test.ts fails when the committed files differ from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, 'dist/build-schema.tmp.mjs');
fs.mkdirSync(path.dirname(tmp), { recursive: true });
await build({
  entryPoints: [path.join(root, 'src/workloads/schema.ts')],
  outfile: tmp,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
try {
  const { buildExpected, buildSchema, schemaText } = await import(pathToFileURL(tmp).href);
  for (const [file, node] of [
    ['pond.schema.json', buildSchema()],
    ['pond.expected.json', buildExpected()],
  ]) {
    const out = path.join(root, 'schema', file);
    const text = schemaText(node);
    if (fs.readFileSync(out, 'utf8') === text) continue;
    fs.writeFileSync(out, text);
    console.log(`wrote schema/${file}`);
  }
} finally {
  fs.rmSync(tmp, { force: true });
}
