import { YAMLParseError, isScalar, visit, type Document } from 'yaml';

/**
 * A DUPLICATE_KEY error at each key whose value an earlier key of the same mapping already has, as
 * the library reports them with `uniqueKeys: true`, found with one set per mapping (linear) instead of
 * the library's scan of every earlier key (quadratic). Merge keys (`<<`) are each a distinct symbol,
 * so they never collide; non-scalar keys compare by identity, so they never do either.
 */
export function duplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        const offset = key.range?.[0] ?? 0;
        if (seen.has(key.value)) errors.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else seen.add(key.value);
      }
      return undefined;
    },
  });
  return errors;
}
