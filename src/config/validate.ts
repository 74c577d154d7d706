import { Ajv, type ValidateFunction } from 'ajv';
import schemaJson from '../../schema/pond.schema.json' with { type: 'json' };
import type { Diagnostic } from '../errors.js';
import { explain } from './explain.js';
import { toDiagnostic } from './messages.js';
import { SchemaIndex, type SchemaNode } from './schema-index.js';
import type { Locator } from './sourcemap.js';

interface Compiled {
  validate: ValidateFunction;
  index: SchemaIndex;
}

let compiled: Compiled | undefined;

/** Compiled once per process; `x-expected` is pond's own annotation for error messages. */
function compile(): Compiled {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, verbose: true, strictSchema: true, strictTypes: false, strictRequired: false, strictTuples: false });
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  const schema = schemaJson as unknown as SchemaNode;
  compiled = { validate: ajv.compile(schema), index: new SchemaIndex(schema) };
  return compiled;
}

/**
 * Checks data against schema/pond.schema.json and reports the most specific problem per place, in
 * the user's words and at the user's line (through `where`). Returns diagnostics deduplicated and
 * sorted by file, line and column; an empty list means the data satisfies the schema.
 */
export function validateConfig(data: unknown, where: Locator): Diagnostic[] {
  const { validate, index } = compile();
  if (validate(data)) return [];
  const diagnostics = explain(validate.errors ?? [], index).map((p) => toDiagnostic(p, index, where));
  return sortDiagnostics(dedupe(diagnostics));
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
  const rank = (d: Diagnostic): [string, number, number] => [d.location?.file ?? '\uffff', d.location?.line ?? 0, d.location?.col ?? 0];
  return [...diagnostics].sort((a, b) => {
    const [fa, la, ca] = rank(a);
    const [fb, lb, cb] = rank(b);
    return fa !== fb ? (fa < fb ? -1 : 1) : la - lb || ca - cb;
  });
}
