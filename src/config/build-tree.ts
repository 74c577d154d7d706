import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Diagnostic, Location } from '../errors.js';
import { MAX_DEPTH } from './caps.js';
import type { MapEntry, TreeNode } from './tree.js';
import { tooDeep } from './yaml-checks.js';

/**
 * Walks a parsed yaml AST once into a located tree. Aliases are expanded in place, which is bounded
 * only because parse.ts refuses alias bombs first; `<<` merge keys copy the keys the mapping lacks.
 * Nesting is capped at MAX_DEPTH again here, because an alias can nest a deep anchor inside another.
 * Problems (non-scalar keys, bad merge values, depth) are pushed to `diagnostics`.
 */
export class TreeBuilder {
  /** Collections being built, to refuse an alias to its own ancestor (which would never end). */
  private readonly open = new Set<unknown>();
  /** The outermost alias being expanded: a depth problem inside an anchor is the alias's doing. */
  private expanding?: Location;

  constructor(
    private readonly doc: Document,
    private readonly at: (offset: number) => Location,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** `depth`: how many collections enclose `node`. */
  build(node: unknown, loc?: Location, depth = 0): TreeNode {
    const here = loc ?? this.at(rangeStart(node));
    if (isAlias(node)) return this.alias(node.source, node.resolve(this.doc), here, depth);
    if (isMap(node) || isSeq(node)) return this.collection(node, here, depth);
    if (isScalar(node)) {
      const plain = node.type === 'PLAIN' || node.type === undefined;
      return { kind: 'scalar', loc: here, value: node.value, plain, source: node.source ?? String(node.value ?? '') };
    }
    return { kind: 'scalar', loc: here, value: null, plain: true, source: '' };
  }

  private alias(name: string, target: unknown, here: Location, depth: number): TreeNode {
    if (!this.open.has(target)) return this.expand(target, here, depth);
    this.diagnostics.push({
      code: 'alias-limit',
      message: `alias *${name} refers to a value that contains it`,
      hint: 'an alias cannot repeat its own anchor',
      location: here,
      severity: 'error',
    });
    return { kind: 'scalar', loc: here, value: null, plain: true, source: '' };
  }

  private expand(target: unknown, here: Location, depth: number): TreeNode {
    const outer = this.expanding;
    this.expanding ??= here;
    try {
      return this.build(target, here, depth);
    } finally {
      this.expanding = outer;
    }
  }

  private collection(node: YAMLMap | YAMLSeq, here: Location, depth: number): TreeNode {
    if (depth >= MAX_DEPTH) {
      if (!this.diagnostics.some((d) => d.code === 'nesting-depth'))
        this.diagnostics.push(tooDeep(this.expanding ?? here));
      return { kind: 'scalar', loc: here, value: null, plain: true, source: '' };
    }
    this.open.add(node);
    try {
      if (isMap(node)) return { kind: 'map', loc: here, entries: this.entries(node.items, depth + 1) };
      return { kind: 'seq', loc: here, items: node.items.map((i) => this.build(i, undefined, depth + 1)) };
    } finally {
      this.open.delete(node);
    }
  }

  private entries(pairs: { key: unknown; value: unknown }[], depth: number): Map<string, MapEntry> {
    const own = new Map<string, MapEntry>();
    const merged: unknown[] = [];
    for (const pair of pairs) {
      const key = isAlias(pair.key) ? pair.key.resolve(this.doc) : pair.key;
      if (isScalar(key) && typeof key.value === 'symbol') merged.push(pair.value);
      else this.addPair(own, key, pair.value, depth);
    }
    for (const source of merged.flatMap((v) => this.mergeSources(v, depth - 1))) {
      for (const [name, entry] of source) if (!own.has(name)) own.set(name, entry);
    }
    return own;
  }

  private addPair(into: Map<string, MapEntry>, key: unknown, value: unknown, depth: number): void {
    const keyLoc = this.at(rangeStart(key));
    if (!isScalar(key)) {
      this.diagnostics.push({
        code: 'type',
        message: 'keys must be plain strings',
        location: keyLoc,
        severity: 'error',
      });
      return;
    }
    const valueLoc = value === null || value === undefined ? keyLoc : undefined;
    into.set(String(key.value ?? ''), { key: keyLoc, node: this.build(value, valueLoc, depth) });
  }

  private mergeSources(value: unknown, depth: number): Map<string, MapEntry>[] {
    const items = isSeq(value) ? value.items : [value];
    return items.map((item) => {
      const node = this.build(item, undefined, depth);
      if (node.kind === 'map') return node.entries;
      this.diagnostics.push({
        code: 'type',
        message: 'a "<<" merge key needs a mapping or a list of mappings',
        location: node.loc,
        severity: 'error',
      });
      return new Map();
    });
  }
}

function rangeStart(node: unknown): number {
  return (node as YamlNode | undefined)?.range?.[0] ?? 0;
}
