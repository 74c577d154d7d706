import { Schema, isScalar } from 'yaml';
import type { Diagnostic } from '../errors.js';
import { expand, type Lookup } from './template.js';
import type { MapEntry, ScalarNode, TreeNode } from './tree.js';

export interface Interpolated<T extends TreeNode> {
  tree: T;
  diagnostics: Diagnostic[];
  /** Names looked up, in first-use order. */
  variables: string[];
}

interface ScalarTagLike {
  test?: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
}

let coreTags: ScalarTagLike[] | undefined;

/** The core schema's typing tags, made on first use: a command that reads a kept tree never loads `yaml`. */
function typingTags(): ScalarTagLike[] {
  return (coreTags ??= (new Schema({ schema: 'core' }).tags as unknown as ScalarTagLike[]).filter((t) => t.test));
}

/**
 * Substitutes variables in every string scalar (never in keys), reporting problems at the scalar's
 * position. A plain (unquoted) scalar whose text was substituted is typed again the way YAML would
 * have typed the result, so `retries: ${R:-3}` is the number 3 while `tag: "${T:-3}"` stays "3".
 * Values under `env` and `labels` are never typed again: they are strings by contract, and
 * `PIN: ${PIN}` with PIN=0123 must stay "0123". An empty result stays an empty string. Pure:
 * `lookup` is the only source of values.
 */
export function interpolateTree<T extends TreeNode>(tree: T, lookup: Lookup): Interpolated<T> {
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  // A node with nothing to substitute below it is returned as it is: most files have few templates
  // or none, and copying the whole tree was most of this pass. Trees are never changed in place.
  const visit = (node: TreeNode, keepText: boolean): TreeNode => {
    if (node.kind === 'seq') {
      let items: TreeNode[] | undefined;
      node.items.forEach((item, i) => {
        const done = visit(item, keepText);
        if (done !== item) (items ??= node.items.slice())[i] = done;
      });
      return items ? { ...node, items } : node;
    }
    if (node.kind === 'map') {
      let entries: Map<string, MapEntry> | undefined;
      node.entries.forEach((e, k) => {
        const done = visit(e.node, keepText || STRING_MAPS.has(k));
        if (done !== e.node) (entries ??= new Map(node.entries)).set(k, { key: e.key, node: done });
      });
      return entries ? { ...node, entries } : node;
    }
    return scalar(node, lookup, diagnostics, names, keepText);
  };
  return { tree: visit(tree, false) as T, diagnostics, variables: [...names] };
}

/** Keys whose values are strings by contract, however the interpolated text looks. */
const STRING_MAPS = new Set(['env', 'labels']);

function scalar(
  node: ScalarNode,
  lookup: Lookup,
  diagnostics: Diagnostic[],
  names: Set<string>,
  keepText: boolean,
): ScalarNode {
  if (typeof node.value !== 'string' || !node.value.includes('$')) return node;
  const result = expand(node.value, lookup);
  result.names.forEach((n) => names.add(n));
  for (const p of result.problems) {
    diagnostics.push({ code: p.code, message: p.message, hint: p.hint, location: node.loc, severity: 'error' });
  }
  const value = node.plain && result.substituted && !keepText ? retype(result.value) : result.value;
  return { ...node, value, template: { text: node.value, variables: result.names } };
}

/** Every core-schema null, bool, int and float starts with one of these; a text that does not is a string. */
const TYPED_START = /^[-+.~0-9nNtTfF]/;

/** Types a plain scalar with YAML 1.2 core schema rules (null, bool, int, float), else a string. */
export function retype(text: string): unknown {
  if (!TYPED_START.test(text)) return text;
  const tag = typingTags().find((t) => t.test!.test(text));
  if (!tag) return text;
  const resolved = tag.resolve(text, () => undefined, {});
  return isScalar(resolved) ? resolved.value : resolved;
}
