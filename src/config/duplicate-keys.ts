import { YAMLParseError, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/**
 * A DUPLICATE_KEY error at each key whose value an earlier key of the same mapping already has, as
 * the library reports them with `uniqueKeys: true`, found with one set per mapping (linear) instead of
 * the library's scan of every earlier key (quadratic). Merge keys (`<<`) are each a distinct symbol,
 * so they never collide; non-scalar keys compare by identity, so they never do either. Aliases are not
 * followed: their targets are checked where they are written. Recursion is bounded by the depth cap,
 * which parse.ts checks on the tokens first.
 */
export function duplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  walk(doc.contents, errors);
  return errors;
}

function walk(node: unknown, errors: YAMLParseError[]): void {
  if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      const key = pair.key;
      if (isScalar(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) errors.push(duplicate(key.range?.[0] ?? 0));
        else seen.add(key.value);
      } else walk(key, errors);
      walk(pair.value, errors);
    }
    return;
  }
  if (isSeq(node)) for (const item of node.items) walk(isPair(item) ? item.value : item, errors);
}

function duplicate(offset: number): YAMLParseError {
  return new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
}
