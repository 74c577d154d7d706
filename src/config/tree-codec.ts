import type { Location } from '../errors.js';
import type { MapEntry, MapNode, ScalarNode, TreeNode } from './tree.js';

/**
 * A parsed file's located tree as compact JSON and back, for parse-cache.ts. The file name is left
 * out (the reader supplies it), so the same text read from another path gives the same entry.
 *
 *   scalar  [0, line, col, value, plain]          (+ source, when it is not the value itself)
 *   list    [1, line, col, [item, ...]]
 *   mapping [2, line, col, [key, keyLine, keyCol, node, ...]]
 *
 * encodeTree refuses (undefined) a tree that JSON cannot hold exactly (NaN, ±Infinity, -0, or a
 * node that is not one of the three), or that interpolation has already touched (`template`);
 * decodeTree refuses (undefined) anything that is not what encodeTree writes.
 */
export function encodeTree(tree: MapNode): string | undefined {
  try {
    return JSON.stringify(encode(tree));
  } catch (error) {
    if (error === REFUSE) return undefined;
    throw error;
  }
}

export function decodeTree(file: string, json: string): MapNode | undefined {
  try {
    const tree = new Decoder(file).node(JSON.parse(json));
    return tree.kind === 'map' ? tree : undefined;
  } catch {
    return undefined;
  }
}

const REFUSE = new Error('not encodable');

function encode(node: TreeNode): unknown[] {
  const { line, col } = node.loc;
  if (node.kind === 'scalar') {
    const { value, source } = node;
    if (node.template !== undefined || !plainJson(value)) throw REFUSE;
    return source === value
      ? [0, line, col, value, node.plain ? 1 : 0]
      : [0, line, col, value, node.plain ? 1 : 0, source];
  }
  if (node.kind === 'seq') return [1, line, col, node.items.map(encode)];
  if (node.kind !== 'map') throw REFUSE;
  const flat: unknown[] = [];
  for (const [name, entry] of node.entries) flat.push(name, entry.key.line, entry.key.col, encode(entry.node));
  return [2, line, col, flat];
}

function plainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
}

class Decoder {
  constructor(private readonly file: string) {}

  node(raw: unknown): TreeNode {
    if (!Array.isArray(raw)) throw REFUSE;
    const loc = this.loc(raw[1], raw[2]);
    if (raw[0] === 0) return this.scalar(raw, loc);
    const body: unknown = raw[3];
    if (!Array.isArray(body) || raw.length !== 4) throw REFUSE;
    if (raw[0] === 1) return { kind: 'seq', loc, items: body.map((item) => this.node(item)) };
    if (raw[0] !== 2 || body.length % 4 !== 0) throw REFUSE;
    const entries = new Map<string, MapEntry>();
    for (let i = 0; i < body.length; i += 4) {
      const name: unknown = body[i];
      if (typeof name !== 'string' || entries.has(name)) throw REFUSE;
      entries.set(name, { key: this.loc(body[i + 1], body[i + 2]), node: this.node(body[i + 3]) });
    }
    return { kind: 'map', loc, entries };
  }

  private scalar(raw: unknown[], loc: Location): ScalarNode {
    const value: unknown = raw[3];
    const source: unknown = raw.length === 6 ? raw[5] : value;
    if ((raw.length !== 5 && raw.length !== 6) || !plainJson(value) || typeof source !== 'string') throw REFUSE;
    if (raw[4] !== 0 && raw[4] !== 1) throw REFUSE;
    return { kind: 'scalar', loc, value, plain: raw[4] === 1, source };
  }

  private loc(line: unknown, col: unknown): Location {
    if (!Number.isInteger(line) || !Number.isInteger(col)) throw REFUSE;
    return { file: this.file, line: line as number, col: col as number };
  }
}
