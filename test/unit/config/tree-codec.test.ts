import { describe, expect, it } from 'vitest';
import { pondYaml } from '../../../bench/stack-files.js';
import { parseYaml } from '../../../src/config/parse.js';
import { decodeTree, encodeTree } from '../../../src/config/tree-codec.js';
import type { MapNode } from '../../../src/config/tree.js';
import { TRICKY, repoYaml } from './parse-fast-cases.js';

const TREES: MapNode[] = [...repoYaml().map(([, text]) => text), ...TRICKY, pondYaml(50, 1)]
  .map((text) => parseYaml('a/pond.yaml', text).tree)
  .filter((tree): tree is MapNode => tree !== undefined);

describe('the parse cache’s tree codec', () => {
  it('gives back exactly the tree it was given, for every parsable YAML file in the repository', () => {
    expect(TREES.length).toBeGreaterThan(50);
    let encoded = 0;
    for (const tree of TREES) {
      const json = encodeTree(tree);
      if (json === undefined) continue;
      encoded++;
      expect(decodeTree('a/pond.yaml', json)).toStrictEqual(tree);
    }
    expect(encoded).toBeGreaterThan(TREES.length * 0.9);
  });

  it('puts the reader’s file name in every location', () => {
    const tree = parseYaml('a/pond.yaml', 'version: 1\nworkloads:\n  w: {image: x}\n').tree!;
    const back = decodeTree('b/other.yaml', encodeTree(tree)!)!;
    expect(back).toStrictEqual(parseYaml('b/other.yaml', 'version: 1\nworkloads:\n  w: {image: x}\n').tree);
  });

  it('keeps scalars’ types, plainness and source text apart', () => {
    const text = 'a: 8080\nb: "8080"\nc: ~\nd: true\ne: 0x1F\nf: 1.50\ng: ""\nh: plain\n';
    const tree = parseYaml('f.yaml', text).tree!;
    expect(decodeTree('f.yaml', encodeTree(tree)!)).toStrictEqual(tree);
  });

  it('refuses what JSON cannot hold exactly, and a tree interpolation already touched', () => {
    for (const text of ['a: .nan\n', 'a: .inf\n', 'a: -.inf\n', 'a: -0\n'])
      expect(encodeTree(parseYaml('f.yaml', text).tree!), text).toBeUndefined();
    const tree = parseYaml('f.yaml', 'a: x\n').tree!;
    const node = tree.entries.get('a')!.node;
    if (node.kind === 'scalar') node.template = { text: '${X}', variables: ['X'] };
    expect(encodeTree(tree)).toBeUndefined();
  });

  it('refuses anything that is not what it writes', () => {
    const good = encodeTree(parseYaml('f.yaml', 'a: [1, x]\nb: {c: d}\n').tree!)!;
    for (const bad of [
      '',
      'null',
      '[0,1,1,"x",1]',
      '[1,1,1,[]]',
      '[2,1,1,["a",1,1]]',
      '[2,1,1,["a",1,1,[0,1,4,"x",1],"a",2,1,[0,2,4,"y",1]]]',
      '[2,1,1,["a",1.5,1,[0,1,4,"x",1]]]',
      '[2,1,1,["a",1,1,[0,1,4,{},1]]]',
      '[2,1,1,["a",1,1,[0,1,4,3,1]]]',
      '[2,1,1,["a",1,1,[0,1,4,"x",2]]]',
      '[2,1,1,["a",1,1,[3,1,4,[]]]]',
      good.slice(0, -1),
    ])
      expect(decodeTree('f.yaml', bad), bad).toBeUndefined();
    expect(decodeTree('f.yaml', good)).toBeDefined();
  });
});
