import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/config/parse.js';
import { toData } from '../../../src/config/tree.js';
import { usablePart } from '../../../src/config/usable.js';

const YAML = [
  'name: shop',
  'workloads:',
  '  web: { image: busybox:1.35 }',
  '  db: { image: postgres:15 }',
  'volumes:',
  '  data: {}',
  '',
].join('\n');
const tree = parseYaml('/p/pond.yaml', YAML).tree!;
const data = (): Record<string, unknown> => toData(tree) as Record<string, unknown>;

describe('usablePart', () => {
  it('hands a config with nothing to leave out on as it is', () => {
    const d = data();
    expect(usablePart(d, tree, [], [])).toEqual({ data: d, refused: [] });
    expect(usablePart(d, tree, [], []).data).toBe(d);
  });

  it('leaves out a refused workload, nulls a bad volume and drops a refused name, in a copy', () => {
    const d = data();
    const before = JSON.stringify(d);
    const out = usablePart(d, tree, [['workloads', 'db', 'image'], ['volumes', 'data', 'driver'], ['name']], []);
    expect(out).toEqual({
      data: { workloads: { web: { image: 'busybox:1.35' } }, volumes: { data: null } },
      refused: ['db'],
    });
    expect(JSON.stringify(d)).toBe(before);
  });

  it('leaves out a workload holding a located problem (an unset variable)', () => {
    const db = tree.entries.get('workloads')!.node;
    const image = db.kind === 'map' ? db.entries.get('db')!.node : db;
    const at = image.kind === 'map' ? image.entries.get('image')!.node.loc : image.loc;
    const early = [{ code: 'unset', message: 'x', severity: 'error' as const, location: at }];
    expect(usablePart(data(), tree, [], early).refused).toEqual(['db']);
  });
});
