import type { Location } from '../errors.js';

/**
 * The configuration as a tree that remembers where every value came from. Parsing builds one tree per
 * file; merging combines them so each node keeps the location of the file that supplied it. Invariant:
 * `loc` is the value's own position; `key` (on map entries) is the position of the key naming it.
 */
export type TreeNode = MapNode | SeqNode | ScalarNode;

export interface MapEntry {
  key: Location;
  node: TreeNode;
}

export interface MapNode {
  kind: 'map';
  loc: Location;
  entries: Map<string, MapEntry>;
}

export interface SeqNode {
  kind: 'seq';
  loc: Location;
  items: TreeNode[];
}

/** `plain` marks an unquoted scalar: only those are re-typed after interpolation (`${R:-3}` → 3). */
export interface ScalarNode {
  kind: 'scalar';
  loc: Location;
  value: unknown;
  plain: boolean;
  /** The scalar as written, for hints such as `quote it: "8080"`. */
  source: string;
  /** Set by interpolation on a string that held `$`: its text before, and the variables it read (`pond config` writes secrets back as these). */
  template?: { text: string; variables: string[] };
}

/** Plain JSON for the schema and later stages; map order is the order of first appearance. */
export function toData(node: TreeNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toData);
  const out: Record<string, unknown> = {};
  // forEach, not for-of: a short-lived process runs this cold, where each for-of step allocates an
  // iterator result and a [key, value] pair (a third of this pass's allocations at 200 workloads).
  node.entries.forEach((entry, name) => {
    out[name] = toData(entry.node);
  });
  return out;
}

/** The node at `path`, or undefined when the path leaves the tree. */
export function nodeAt(root: TreeNode, path: readonly (string | number)[]): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  for (const segment of path) {
    node = child(node, segment);
    if (!node) return undefined;
  }
  return node;
}

function child(node: TreeNode, segment: string | number): TreeNode | undefined {
  if (node.kind === 'map') return node.entries.get(String(segment))?.node;
  if (node.kind === 'seq') return node.items[Number(segment)];
  return undefined;
}
