import { Document, isMap, isScalar, type Node, type Pair } from 'yaml';
import type { ImportNote } from './notes.js';
import type { ImportResult } from './project.js';

const PREFIX = ' pond import: ';

/**
 * pond.yaml text with every note as a `# pond import: ...` comment right above the key it concerns
 * (the workload when the key was not written, the file's head for the project as a whole).
 */
export function renderPondYaml(result: ImportResult, sources: string[]): string {
  const doc = new Document(result.data);
  const head = [` Imported from ${sources.join(', ')} by pond import. Check the "pond import:" notes, then pond plan.`];
  head.push(...result.notes.filter((n) => n.workload === undefined).map((n) => PREFIX + n.text));
  doc.commentBefore = head.join('\n');
  for (const note of result.notes) if (note.workload !== undefined) place(doc, note);
  return doc.toString({ lineWidth: 0 });
}

function place(doc: Document, note: ImportNote): void {
  const workloads = doc.get('workloads', true);
  if (!isMap(workloads)) return;
  const workload = workloads.items.find((p) => keyOf(p) === note.workload);
  if (!workload) return;
  const inner = isMap(workload.value) ? workload.value.items.find((p) => keyOf(p) === note.at) : undefined;
  append((inner ?? workload).key as Node, note.text);
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function append(node: Node, text: string): void {
  node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${PREFIX}${text}` : PREFIX + text;
}
