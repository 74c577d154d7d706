import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One TypeScript file as the architecture test sees it: what it imports and how it touches the process. */
export interface ScannedFile {
  /** Relative to src/, with forward slashes. */
  rel: string;
  /** Relative imports (static, re-exports and `import()`), resolved to paths relative to src/. */
  imports: string[];
  /** Package specifiers (`node:process`, `listr2`). */
  packages: string[];
  /** `process.<name>` uses with their line; `process` on its own when passed whole. */
  processUses: { name: string; line: number }[];
  /** Lines that read `.isTTY` off anything. */
  ttyLines: number[];
}

export function listTs(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export function scan(srcDir: string, file: string): ScannedFile {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const rel = path.relative(srcDir, file).split(path.sep).join('/');
  const result: ScannedFile = { rel, imports: [], packages: [], processUses: [], ttyLines: [] };
  const line = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const specifier = (text: string): void => {
    if (!text.startsWith('.')) return void result.packages.push(text);
    const target = path.resolve(path.dirname(file), text.replace(/\.js$/, '.ts'));
    result.imports.push(path.relative(srcDir, target).split(path.sep).join('/'));
  };
  const visit = (n: ts.Node): void => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    )
      specifier(n.moduleSpecifier.text);
    if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    )
      specifier(n.arguments[0].text);
    if (ts.isIdentifier(n) && n.text === 'process' && isValueUse(n))
      result.processUses.push({ name: accessedName(n), line: line(n) });
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'isTTY') result.ttyLines.push(line(n));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return result;
}

/** `process` as a value, not a property name (`x.process`), a key or a declaration named so. */
function isValueUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertySignature(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p)) &&
    p.name === id
  )
    return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.name === id) return false;
  if (ts.isQualifiedName(p) || ts.isTypeReferenceNode(p)) return false;
  return true;
}

/** `process.env` → "env", `process['exit']` → "exit"; anything else (passed whole, destructured) → "process". */
function accessedName(id: ts.Identifier): string {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === id) return p.name.text;
  if (ts.isElementAccessExpression(p) && p.expression === id && ts.isStringLiteralLike(p.argumentExpression))
    return p.argumentExpression.text;
  return 'process';
}
