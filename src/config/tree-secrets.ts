import { NAMED_SECTIONS, isSensitiveName, scalarSecrets } from '../secrets.js';
import type { MapNode, TreeNode } from './tree.js';

/**
 * Whether a parsed file holds a secret written in it, read off its tree (no data copy made): the
 * answer configSecrets and secretValuesIn give for its data. The names below `workloads:` and
 * `volumes:` are names, not keys ("api-key-sync" is not a secret); every other key is tested.
 * Stops at the first secret.
 */
export function treeHoldsSecret(tree: MapNode): boolean {
  const found = new Set<string>();
  const visit = (node: TreeNode, secret: boolean): boolean => {
    if (node.kind === 'scalar') {
      scalarSecrets(node.value, secret, found);
      return found.size > 0;
    }
    if (node.kind === 'seq') return node.items.some((item) => visit(item, secret));
    for (const [name, entry] of node.entries) if (visit(entry.node, secret || isSensitiveName(name))) return true;
    return false;
  };
  for (const [name, entry] of tree.entries) {
    const section = entry.node;
    if (!NAMED_SECTIONS.includes(name)) {
      if (visit(section, isSensitiveName(name))) return true;
    } else if (section.kind === 'map') {
      for (const body of section.entries.values()) if (visit(body.node, false)) return true;
    } else if (section.kind === 'seq') {
      if (section.items.some((item) => visit(item, false))) return true;
    }
  }
  return false;
}
