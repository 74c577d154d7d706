import type { MapEntry, MapNode, TreeNode } from './tree.js';

/**
 * Deep-merges override files in order, like compose's `-f a.yaml -f b.yaml`: mappings merge key by
 * key (recursively); sequences and scalars from a later file replace the earlier value whole, so
 * `ports:` in an override is the complete list. A `null` in a later file replaces as well.
 * Invariant: every node in the result keeps the location from the file whose value won, and a merged
 * mapping takes the position of the last file that set it.
 */
export function mergeTrees(trees: readonly MapNode[]): MapNode | undefined {
  const [first, ...rest] = trees;
  if (!first) return undefined;
  return rest.reduce<MapNode>((base, override) => mergeMaps(base, override), first);
}

function mergeMaps(base: MapNode, override: MapNode): MapNode {
  const entries = new Map<string, MapEntry>(base.entries);
  for (const [name, entry] of override.entries) {
    const previous = entries.get(name);
    entries.set(name, previous ? { key: entry.key, node: mergeNodes(previous.node, entry.node) } : entry);
  }
  return { ...override, entries };
}

function mergeNodes(base: TreeNode, override: TreeNode): TreeNode {
  if (base.kind === 'map' && override.kind === 'map') return mergeMaps(base, override);
  return override;
}
