import type { CST } from 'yaml';
import { MAX_DEPTH } from './caps.js';

/** What parse.ts needs to know about a file's tokens before composing them. */
export interface TokenScan {
  /** Offset of the first mapping or list nested deeper than MAX_DEPTH, if any. */
  deep?: number;
  /** Whether any alias (`*name`) appears: only then are the alias checks worth a walk of the document. */
  aliases: boolean;
}

/**
 * Walks the parser's token tree with an explicit stack: the YAML composer recurses per level and
 * overflows the call stack near a thousand levels, so depth is checked on the tokens before composing.
 */
export function scanTokens(tokens: readonly CST.Token[]): TokenScan {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  let deep: number | undefined;
  let aliases = false;
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'alias') aliases = true;
    const level = isCollection(token) ? depth + 1 : depth;
    if (level > MAX_DEPTH) deep = Math.min(deep ?? token.offset, token.offset);
    else pushChildren(token, level, stack);
  }
  return deep === undefined ? { aliases } : { deep, aliases };
}

function isCollection(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

function pushChildren(token: CST.Token, level: number, stack: [CST.Token, number][]): void {
  if (token.type === 'document') {
    if (token.value) stack.push([token.value, level]);
    return;
  }
  if (!isCollection(token)) return;
  for (const item of (token as CST.BlockMap | CST.BlockSequence | CST.FlowCollection).items as {
    key?: CST.Token | null;
    value?: CST.Token;
  }[]) {
    if (item.key) stack.push([item.key, level]);
    if (item.value) stack.push([item.value, level]);
  }
}
