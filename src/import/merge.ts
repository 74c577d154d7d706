import { isMap, type Data } from './words.js';

/**
 * Several Compose files (`-f a.yml -f b.yml`) as one: later files win, mappings merge key by key,
 * lists and scalars are replaced. (Compose appends some lists, such as ports; pond's own override
 * rule is the simpler one, and the imported pond.yaml shows the result.)
 */
export function mergeCompose(files: Data[]): Data {
  return files.reduce<Data>((acc, f) => merge(acc, f) as Data, {});
}

function merge(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over;
  const out: Data = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}
