import type { Location } from '../errors.js';
import type { DocPath } from './types.js';
import type { TreeNode } from './tree.js';

/**
 * Answers "where did the user write this?" for a path into the merged tree. Because the tree is the
 * merged one, the answer is always in the file whose value won. Paths that leave the tree fall back to
 * the nearest existing parent, so a missing key is reported at the object that lacks it.
 */
export interface Locator {
  /** Best place to point at: the key for collections and empty values, the value for scalars. */
  locate(path: DocPath): Location | undefined;
  /** The position of the key naming `path` (for unknown keys); the value's when it has no key. */
  key(path: DocPath): Location | undefined;
  /** The position of the value itself (for wrong types and bad values). */
  value(path: DocPath): Location | undefined;
  /** The scalar at `path` as the user wrote it. */
  source(path: DocPath): string | undefined;
}

interface Step {
  node: TreeNode;
  key?: Location;
}

export function createLocator(root: TreeNode): Locator {
  return {
    locate: (path) => {
      const step = walk(root, path);
      if (step.node.kind === 'scalar' && step.node.source !== '') return step.node.loc;
      return step.key ?? step.node.loc;
    },
    key: (path) => {
      const step = walk(root, path);
      return step.key ?? step.node.loc;
    },
    value: (path) => {
      const step = walk(root, path);
      if (step.node.kind === 'scalar' && step.node.source === '') return step.key ?? step.node.loc;
      return step.node.loc;
    },
    source: (path) => {
      const step = walk(root, path);
      return step.node.kind === 'scalar' && step.depth === path.length ? step.node.source : undefined;
    },
  };
}

/** Follows `path` as far as the tree goes; `depth` tells how many segments were found. */
function walk(root: TreeNode, path: DocPath): Step & { depth: number } {
  let step: Step = { node: root };
  let depth = 0;
  for (const segment of path) {
    const next = descend(step.node, segment);
    if (!next) break;
    step = next;
    depth++;
  }
  return { ...step, depth };
}

function descend(node: TreeNode, segment: string | number): Step | undefined {
  if (node.kind === 'map') {
    const entry = node.entries.get(String(segment));
    return entry && { node: entry.node, key: entry.key };
  }
  if (node.kind === 'seq') {
    const item = node.items[Number(segment)];
    return item && { node: item };
  }
  return undefined;
}
