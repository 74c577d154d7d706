import type { Diagnostic } from '../errors.js';
import { isSecretValue, isSensitiveName, shapeOf } from '../secrets.js';
import type { SchemaProblem } from './explain.js';
import { inside, pointerToPath, showData, subjectOf } from './naming.js';
import { listWords, type SchemaIndex, type SchemaNode } from './schema-index.js';
import type { Locator } from './sourcemap.js';
import { knownKeyHint, knownValue } from './near-misses.js';
import { didYouMean } from './suggest.js';
import type { DocPath } from './types.js';

const MAX_LISTED_KEYS = 12;

/**
 * Turns one schema problem into a diagnostic in the user's words, placed at the user's line. A value
 * at a secret place (an env name like *PASSWORD*, a `password:` key) is never quoted back.
 */
export function toDiagnostic(problem: SchemaProblem, schema: SchemaIndex, where: Locator): Diagnostic {
  const path = pointerToPath(problem.instancePath);
  const text = hideSecret(describe(problem, path, schema, where), path, problem.data, where.source(path));
  const location =
    text.at === 'key' ? where.key(text.path ?? path) : text.at === 'value' ? where.value(path) : where.locate(path);
  return { code: text.code, message: text.message, hint: text.hint, location, severity: 'error' };
}

function hideSecret(text: Text, path: DocPath, data: unknown, source: string | undefined): Text {
  const below = path[0] === 'workloads' || path[0] === 'volumes' ? path.slice(2) : path;
  const secretPlace = below.some((s) => typeof s === 'string' && isSensitiveName(s));
  const secretText =
    typeof data === 'string' && (isSecretValue(data) || (path.at(-2) === 'env' && isSensitiveName(data)));
  if (!(secretPlace || secretText) || data === null || typeof data === 'object') return text;
  const values = [...new Set([showData(data), JSON.stringify(String(data)), String(data), source ?? ''])].filter(
    (v) => v.length > 0,
  );
  const shown = `(sensitive: ${shapeOf(data)})`;
  const hide = (s: string | undefined): string | undefined =>
    s === undefined ? s : values.reduce((out, v) => out.split(v).join(shown), s);
  return { ...text, message: hide(text.message)!, hint: hide(text.hint) };
}

interface Text {
  code: string;
  message: string;
  hint?: string;
  at: 'key' | 'value' | 'best';
  path?: DocPath;
}

function describe(p: SchemaProblem, path: DocPath, schema: SchemaIndex, where: Locator): Text {
  const subject = subjectOf(path);
  switch (p.keyword) {
    case 'additionalProperties':
      return unknownKey(p, path, schema);
    case 'required':
      return {
        code: 'required',
        message: `missing required key "${p.params.missingProperty}" ${inside(path)}`,
        at: 'key',
      };
    case 'requiredOneOf':
      return {
        code: 'required',
        message: `${subject} needs one of ${listWords(quoteAll(p.params.keys as string[]))}`,
        hint: path.at(-1) === 'health' ? 'or set "disable: true"' : undefined,
        at: 'key',
      };
    case 'type':
      return wrongType(p, path, schema, where);
    case 'enum':
      return badEnum(p, path, subject);
    case 'pattern':
      return p.propertyName === undefined ? badPattern(p, subject, schema) : badName(p, path, schema);
    case 'const':
      return badConst(p, path, subject);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'range',
        message: `${subject} must be ${RANGE_WORDS[p.keyword]} ${p.params.limit}, not ${showData(p.data)}`,
        at: 'value',
      };
    case 'minLength': {
      // The value is not shown: a too-short one may be a secret (a notebook token).
      const limit = Number(p.params.limit);
      return {
        code: 'invalid-value',
        message: limit > 1 ? `${subject} must be at least ${limit} characters long` : `${subject} must not be empty`,
        at: 'value',
      };
    }
    case 'maxLength':
      return tooLong(p, path, subject);
    case 'uniqueItems':
      return {
        code: 'duplicate-item',
        message: `${subject} lists ${showItem(p)} twice`,
        hint: 'remove one of them',
        at: 'value',
      };
    default:
      return { code: 'schema', message: `${subject} ${p.message ?? 'is invalid'}`, at: 'best' };
  }
}

const RANGE_WORDS: Record<string, string> = {
  minimum: 'at least',
  maximum: 'at most',
  exclusiveMinimum: 'greater than',
  exclusiveMaximum: 'less than',
};

function unknownKey(p: SchemaProblem, path: DocPath, schema: SchemaIndex): Text {
  const key = String(p.params.additionalProperty);
  const allowed = Object.keys((p.parentSchema?.properties as SchemaNode | undefined) ?? {});
  const near = didYouMean(key, allowed);
  const known = knownKeyHint(key, path);
  const hint = known ?? (near ? `did you mean "${near}"?` : (otherKind(key, path, schema) ?? listAllowed(allowed)));
  return {
    code: 'unknown-key',
    message: `unknown key "${key}" ${inside(path)}`,
    hint,
    at: 'key',
    path: [...path, key],
  };
}

function otherKind(key: string, path: DocPath, schema: SchemaIndex): string | undefined {
  if (path.length !== 2 || path[0] !== 'workloads') return undefined;
  const defs = (schema.root.definitions ?? {}) as Record<string, SchemaNode>;
  const kinds = ((defs.workload?.properties as Record<string, SchemaNode> | undefined)?.kind?.enum ?? []) as string[];
  const owner = kinds.find((k) => Object.hasOwn((defs[k]?.properties as SchemaNode | undefined) ?? {}, key));
  return owner ? `"${key}" belongs to workloads of kind ${owner}: add "kind: ${owner}"` : undefined;
}

function listAllowed(allowed: string[]): string | undefined {
  if (allowed.length === 0) return 'no keys are allowed here except "x-" extensions';
  return allowed.length <= MAX_LISTED_KEYS ? `allowed keys: ${allowed.join(', ')}` : undefined;
}

function wrongType(p: SchemaProblem, path: DocPath, schema: SchemaIndex, where: Locator): Text {
  const expected = p.expected ?? schema.describe({ type: p.params.type });
  const message = `${subjectOf(path)} must be ${expected}, not ${showData(p.data)}`;
  return { code: 'type', message, hint: typeHint(p, expected, where.source(path)), at: 'best' };
}

function typeHint(p: SchemaProblem, expected: string, source: string | undefined): string | undefined {
  const scalar = typeof p.data === 'number' || typeof p.data === 'boolean';
  if (scalar && expected.startsWith('a string')) return `quote it: "${source ?? String(p.data)}"`;
  if (typeof p.data === 'string' && expected.startsWith('a list')) return `write it as a list: [${source ?? p.data}]`;
  return undefined;
}

function badEnum(p: SchemaProblem, path: DocPath, subject: string): Text {
  const allowed = (p.params.allowedValues as unknown[]).map(String);
  const known = typeof p.data === 'string' ? knownValue(p.data, path) : undefined;
  const near =
    typeof p.data === 'string' ? (known && allowed.includes(known) ? known : didYouMean(p.data, allowed)) : undefined;
  const message = `${subject} must be one of ${listWords(allowed)}, not ${showData(p.data)}`;
  return { code: 'enum', message, hint: near && `did you mean "${near}"?`, at: 'value' };
}

function badConst(p: SchemaProblem, path: DocPath, subject: string): Text {
  const allowed = JSON.stringify(p.params.allowedValue);
  const unquote = typeof p.data === 'string' && p.data === String(p.params.allowedValue);
  const compose = path.length === 1 && path[0] === 'version' && !unquote;
  const hint = unquote
    ? `write it without quotes: ${allowed}`
    : compose
      ? `this is pond's file format version, not Compose's: write version: ${allowed}`
      : undefined;
  return {
    code: 'invalid-value',
    message: `${subject} must be ${allowed}, not ${showData(p.data)}`,
    hint,
    at: 'value',
  };
}

function badPattern(p: SchemaProblem, subject: string, schema: SchemaIndex): Text {
  const expected = schema.expected(p.parentSchema) ?? `text matching /${p.params.pattern}/`;
  return { code: 'pattern', message: `${subject} must be ${expected}, not ${showData(p.data)}`, at: 'value' };
}

function badName(p: SchemaProblem, path: DocPath, schema: SchemaIndex): Text {
  const name = String(p.propertyName);
  const what = nameKind(path);
  const expected = schema.expected(p.parentSchema) ?? `text matching /${p.params.pattern}/`;
  const owner = what === 'label key' ? ` ${inside(path.slice(0, -1))}` : what === 'key' ? ` ${inside(path)}` : '';
  const message = `invalid ${what} "${name}"${owner}: must be ${expected}`;
  return { code: 'pattern', message, at: 'key', path: [...path, name] };
}

/** Names become DNS labels (aliases, container names); other long values are not quoted back. */
function tooLong(p: SchemaProblem, path: DocPath, subject: string): Text {
  const limit = Number(p.params.limit);
  const hint = `names become DNS labels (network aliases, container names), which hold at most ${limit} characters`;
  if (p.propertyName === undefined)
    return {
      code: 'too-long',
      message: `${subject} must be at most ${limit} characters long`,
      hint: path.length === 1 ? hint : undefined,
      at: 'value',
    };
  const name = String(p.propertyName);
  return {
    code: 'too-long',
    message: `${nameKind(path)} "${name.slice(0, 20)}…" is ${name.length} characters long; at most ${limit} are allowed`,
    hint,
    at: 'key',
    path: [...path, name],
  };
}

function nameKind(path: DocPath): string {
  if (path.length === 1 && path[0] === 'workloads') return 'workload name';
  if (path.length === 1 && path[0] === 'volumes') return 'volume name';
  return path.at(-1) === 'labels' ? 'label key' : 'key';
}

function showItem(p: SchemaProblem): string {
  const items = Array.isArray(p.data) ? p.data : [];
  return JSON.stringify(items[Number(p.params.i)]);
}

function quoteAll(words: string[]): string[] {
  return words.map((w) => `"${w}"`);
}
