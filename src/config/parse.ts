import {
  Composer,
  LineCounter,
  Parser,
  YAMLParseError,
  isScalar,
  visit,
  type CST,
  type Document,
  type YAMLError,
} from 'yaml';
import type { Diagnostic, Location } from '../errors.js';
import { TreeBuilder } from './build-tree.js';
import { scanTokens } from './depth.js';
import { duplicateKeys } from './duplicate-keys.js';
import { secondDocument, tooDeep, undefinedAlias, unknownTags } from './yaml-checks.js';
import { fastTree } from './parse-fast.js';
import type { MapNode } from './tree.js';

/** Above this many alias expansions a document is treated as a "billion laughs" attack. */
export const MAX_ALIAS_COUNT = 100;

export interface ParseResult {
  tree?: MapNode;
  diagnostics: Diagnostic[];
  /**
   * The tree's data, when it has nothing to interpolate (no `$` in a value) and no key JSON would
   * read otherwise (`__proto__`): what toData(interpolateTree(tree)) gives. Set by parse-cache.ts.
   */
  data?: Record<string, unknown>;
}

/**
 * Parses one file into a located tree. Refuses, with a position, anything that would make later
 * stages guess: syntax errors, duplicate keys, nesting past MAX_DEPTH, a second document, unknown
 * tags, undefined aliases, alias bombs, empty files and a top level that is not a mapping. YAML 1.2
 * core schema, so `no` and `on` stay strings; `<<` merge keys are honoured.
 * A plain file (most are) is read by parse-fast.ts, about ten times faster, into the same tree; any
 * other goes to fullParse. Invariant: `tree` is set only when `diagnostics` is empty.
 */
export function parseYaml(file: string, text: string): ParseResult {
  const tree = fastTree(file, text);
  return tree ? { tree, diagnostics: [] } : fullParse(file, text);
}

/** parseYaml without the fast path: the yaml library alone, which every diagnostic comes from. */
export function fullParse(file: string, text: string): ParseResult {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const at = (offset: number): Location => ({ file, ...lines.linePos(offset) });
  const scan = scanTokens(tokens);
  if (scan.deep !== undefined) return { diagnostics: [tooDeep(at(scan.deep))] };
  const doc = composeOne(tokens, text.length);
  const errors = mergeByOffset(doc.errors, duplicateKeys(doc));
  if (errors.length > 0) return { diagnostics: errors.map((e) => yamlError(e, doc, at)) };
  if (doc.contents === null) return { diagnostics: [emptyFile(file)] };
  const tags = unknownTags(doc, text, at);
  if (tags.length > 0) return { diagnostics: tags };
  const bomb = scan.aliases ? (undefinedAlias(doc, at) ?? aliasBomb(doc, at)) : undefined;
  if (bomb) return { diagnostics: [bomb] };
  const diagnostics: Diagnostic[] = [];
  const tree = new TreeBuilder(doc, at, diagnostics).build(doc.contents);
  if (tree.kind !== 'map') diagnostics.push(notAMapping(tree.loc));
  if (diagnostics.length > 0 || tree.kind !== 'map') return { diagnostics };
  return { tree, diagnostics };
}

/**
 * The first document of the tokens the depth check already read (so the text is parsed once); a
 * second one is an error, as in the library's parseDocument. Keys are not checked for uniqueness
 * here: the library compares each key with every earlier one, which is quadratic in a mapping's size.
 */
function composeOne(tokens: CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ uniqueKeys: false, merge: true, resolveKnownTags: false }).compose(
    tokens,
    true,
    length,
  )) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'),
      );
      break;
    }
  }
  return doc!;
}

/** The library's errors in its own order, each duplicate key placed before the first error after it. */
function mergeByOffset(errors: YAMLError[], duplicates: YAMLError[]): YAMLError[] {
  if (duplicates.length === 0) return errors;
  const out: YAMLError[] = [];
  let d = 0;
  for (const e of errors) {
    while (d < duplicates.length && duplicates[d]!.pos[0] < e.pos[0]) out.push(duplicates[d++]!);
    out.push(e);
  }
  return [...out, ...duplicates.slice(d)];
}

function yamlError(error: YAMLError, doc: Document, at: (offset: number) => Location): Diagnostic {
  const location = at(error.pos[0]);
  if (error.code === 'MULTIPLE_DOCS') return secondDocument(location);
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(doc, error.pos[0]);
    return {
      code: 'duplicate-key',
      message: `duplicate key "${key}"`,
      hint: `"${key}" is already set earlier in this mapping; keep only one`,
      location,
      severity: 'error',
    };
  }
  const message = (error.message.split(' at line ')[0] ?? error.message).trim();
  return { code: 'yaml-syntax', message: lowerFirst(message), location, severity: 'error' };
}

function keyAt(doc: Document, offset: number): string {
  let key = '';
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      key = String(pair.key.value);
      return visit.BREAK;
    },
  });
  return key;
}

function emptyFile(file: string): Diagnostic {
  return {
    code: 'empty-file',
    message: 'the file is empty',
    hint: 'a pond file needs at least "version: 1" and a "workloads:" mapping',
    location: { file, line: 1, col: 1 },
    severity: 'error',
  };
}

function notAMapping(location: Location): Diagnostic {
  return {
    code: 'type',
    message: 'the top level must be a mapping of keys such as "version" and "workloads"',
    hint: 'start the file with "version: 1"',
    location,
    severity: 'error',
  };
}

/** Other errors from the trial expansion (a `<<` merge of a scalar) are the tree builder's to report, at their place. */
function aliasBomb(doc: Document, at: (offset: number) => Location): Diagnostic | undefined {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return undefined;
  } catch (error) {
    if (!(error instanceof ReferenceError)) return undefined;
    return {
      code: 'alias-limit',
      message: `aliases expand to too many values (more than ${MAX_ALIAS_COUNT}); refusing to load`,
      hint: 'nested aliases (*name) multiply; write the values out or alias fewer times',
      location: at(firstAliasOffset(doc)),
      severity: 'error',
    };
  }
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
