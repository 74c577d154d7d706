import { Parser, type CST, type LineCounter } from 'yaml';
import { MAX_DEPTH } from './caps.js';

/**
 * Offset of the first mapping or list nested deeper than MAX_DEPTH, or undefined. Walks the parser's
 * token tree with an explicit stack: the YAML composer recurses per level and overflows the call
 * stack near a thousand levels, so depth is checked on the tokens before composing. `lines` learns
 * the file's line starts on the way, for locations.
 */
export function tooDeepAt(text: string, lines?: LineCounter): number | undefined {
  const stack: [CST.Token, number][] = [];
  for (const token of new Parser(lines?.addNewLine).parse(text)) stack.push([token, 0]);
  let first: number | undefined;
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    const level = isCollection(token) ? depth + 1 : depth;
    if (level > MAX_DEPTH) first = Math.min(first ?? token.offset, token.offset);
    else for (const child of children(token)) stack.push([child, level]);
  }
  return first;
}

function isCollection(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

function children(token: CST.Token): CST.Token[] {
  if (token.type === 'document') return token.value ? [token.value] : [];
  if (!isCollection(token)) return [];
  const items = (token as CST.BlockMap | CST.BlockSequence | CST.FlowCollection).items as { key?: CST.Token | null; value?: CST.Token }[];
  return items.flatMap((item) => [item.key, item.value].filter((t): t is CST.Token => !!t));
}
