// Builds `pond ui`'s page (src/ui/page/) into ONE HTML document, dist/ui/page.html, with its script
// and CSS inlined: no second request, no CDN, nothing built at install. src/ui/page-html.ts reads it
// beside the bundle at run time; package.json `files` ships it. The <script> carries a nonce
// placeholder the server fills per response (its CSP has no 'unsafe-inline' for scripts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'src/ui/page');

/** The finished document as a string. */
export async function buildPage() {
  const js = await build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2021',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const css = await transform(fs.readFileSync(path.join(dir, 'style.css'), 'utf8'), { loader: 'css', minify: true });
  const script = js.outputFiles[0].text.trim().replaceAll('</script', '<\\/script');
  const template = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  // Functions as replacements: the bundle's `$&`/`$1` must not be read as patterns.
  return template.replace('/*POND_STYLE*/', () => css.code.trim()).replace('/*POND_SCRIPT*/', () => script);
}

/** Writes dist/ui/page.html (what `npm run build` runs) and answers its path. */
export async function writePage() {
  const out = path.join(root, 'dist/ui/page.html');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, await buildPage());
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writePage();
