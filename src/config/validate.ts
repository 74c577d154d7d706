import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../errors.js';
import { explain } from './explain.js';
import { toDiagnostic } from './messages.js';
import { SchemaIndex, type SchemaNode } from './schema-index.js';
import type { Locator } from './sourcemap.js';
import { pointerToPath } from './naming.js';
import type { DocPath } from './types.js';

interface Compiled {
  validate: ValidateFunction;
  index: SchemaIndex;
}

let compiled: Compiled | undefined;

/**
 * Compiled once per process, and only for a file that failed the fast check: ajv itself is imported
 * here, not at start-up. The messages' expected-phrases come from schema/pond.expected.json.
 */
async function compile(): Promise<Compiled> {
  if (compiled) return compiled;
  const { Ajv } = await import('ajv');
  const { schemaJson, expectedJson } = await import('./schema-files.js');
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strictSchema: true,
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
  });
  const schema = schemaJson as unknown as SchemaNode;
  compiled = { validate: ajv.compile(schema), index: new SchemaIndex(schema, expectedJson.phrases) };
  return compiled;
}

type Check = (data: unknown) => boolean;

let precompiled: Promise<Check | undefined> | undefined;

/**
 * The standalone validator `npm run build` writes in place of precompiled.ts's stand-in
 * (scripts/build-validator.mjs): a yes/no answer without compiling the schema at start-up. Used only
 * when its embedded hash matches the schema this code was built with; otherwise (or under vitest,
 * where the stand-in has none) undefined.
 */
function loadPrecompiled(): Promise<Check | undefined> {
  precompiled ??= (async () => {
    try {
      const mod = await import('./precompiled.js');
      if (!mod.validate) return undefined;
      const { schemaJson } = await import('./schema-files.js');
      const hash = createHash('sha256').update(JSON.stringify(schemaJson)).digest('hex');
      return mod.schemaHash === hash ? mod.validate : undefined;
    } catch {
      return undefined;
    }
  })();
  return precompiled;
}

/**
 * Checks data against schema/pond.schema.json and reports the most specific problem per place, in
 * the user's words and at the user's line (through `where`). Returns diagnostics deduplicated and
 * sorted by file, line and column; an empty list means the data satisfies the schema. A valid file
 * is answered by the precompiled validator; only an invalid one pays for the explaining compile.
 */
export async function validateConfig(data: unknown, where: Locator): Promise<Diagnostic[]> {
  return (await checkSchema(data, where)).diagnostics;
}

/**
 * The schema's verdict with the places it refused (a mapping's offending key included), so later
 * stages can leave out exactly the workloads the schema already found broken.
 */
export interface SchemaVerdict {
  diagnostics: Diagnostic[];
  places: DocPath[];
}

/** validateConfig, keeping where each problem is. */
export async function checkSchema(data: unknown, where: Locator): Promise<SchemaVerdict> {
  const fast = await loadPrecompiled();
  if (fast?.(data)) return { diagnostics: [], places: [] };
  const { validate, index } = await compile();
  if (validate(data)) return { diagnostics: [], places: [] };
  const problems = explain(validate.errors ?? [], index);
  const places = problems.map((p) => [
    ...pointerToPath(p.instancePath),
    ...(p.propertyName === undefined ? [] : [p.propertyName]),
  ]);
  return { diagnostics: sortDiagnostics(dedupe(problems.map((p) => toDiagnostic(p, index, where)))), places };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.message, d.location]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stable order for output: by file, then line, then column; unplaced diagnostics last. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): [string, number, number] => [
    d.location?.file ?? '\uffff',
    d.location?.line ?? 0,
    d.location?.col ?? 0,
  ];
  return [...diagnostics].sort((a, b) => {
    const [fa, la, ca] = rank(a);
    const [fb, lb, cb] = rank(b);
    return fa !== fb ? (fa < fb ? -1 : 1) : la - lb || ca - cb;
  });
}
