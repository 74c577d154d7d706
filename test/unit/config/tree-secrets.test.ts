import { describe, expect, it } from 'vitest';
import { pondYaml } from '../../../bench/stack-files.js';
import { parseYaml } from '../../../src/config/parse.js';
import { treeHoldsSecret } from '../../../src/config/tree-secrets.js';
import { toData, type MapNode } from '../../../src/config/tree.js';
import { NAMED_SECTIONS, configSecrets, secretValuesIn } from '../../../src/secrets.js';
import { TRICKY, repoYaml } from './parse-fast-cases.js';

/** The rule as the data walks state it: secrets below the names of workloads and volumes, or anywhere else. */
function dataHoldsSecret(tree: MapNode): boolean {
  const data = toData(tree) as Record<string, unknown>;
  const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !NAMED_SECTIONS.includes(k)));
  return configSecrets(data).length > 0 || secretValuesIn(rest).length > 0;
}

const tree = (text: string): MapNode => parseYaml('pond.yaml', text).tree!;

const HAND: [string, boolean][] = [
  ['version: 1\nworkloads:\n  api-key-sync: {image: x}\n', false],
  ['version: 1\nworkloads:\n  w: {image: x, env: {API_KEY: abcdefgh}}\n', true],
  ['version: 1\nworkloads:\n  w: {image: x, env: {API_KEY: ""}}\n', false],
  ['version: 1\nworkloads:\n  w: {image: x, env: [TOKEN=abc, PLAIN=1]}\n', true],
  ['version: 1\nworkloads:\n  w: {image: x, env: [TOKEN=, PLAIN=1]}\n', false],
  ['version: 1\nworkloads:\n  w: {image: x, command: [run, "postgres://u:pw@db/x"]}\n', true],
  ['version: 1\nworkloads:\n  w: {image: x, command: [run, "postgres://db/x"]}\n', false],
  ['version: 1\nworkloads: [TOKEN=abc]\n', true],
  ['version: 1\nworkloads: "postgres://u:pw@db/x"\n', false],
  ['version: 1\nvolumes:\n  secret-store: {}\n', false],
  ['version: 1\nvolumes:\n  v: {labels: {password: 12345678}}\n', true],
  ['version: 1\nx-password: hunter22\n', true],
  ['version: 1\nx-settings: {nested: {deeper: [{token: 7}]}}\n', true],
  ['version: 1\nx-settings: {nested: {deeper: [{token: null}]}}\n', false],
  ['version: 1\nsecrets: {db: {file: ./db.txt}}\n', true],
];

describe('treeHoldsSecret', () => {
  it.each(HAND)('answers for %j as the data walks do', (text, expected) => {
    const t = tree(text);
    expect(dataHoldsSecret(t)).toBe(expected);
    expect(treeHoldsSecret(t)).toBe(expected);
  });

  it('agrees with the data walks on every parsable YAML file in the repository', () => {
    const trees = [...repoYaml().map(([, text]) => text), ...TRICKY, pondYaml(20, 1)]
      .map((text) => parseYaml('pond.yaml', text).tree)
      .filter((t): t is MapNode => t !== undefined);
    expect(trees.length).toBeGreaterThan(50);
    const answers = trees.map((t) => [treeHoldsSecret(t), dataHoldsSecret(t)]);
    for (const [fromTree, fromData] of answers) expect(fromTree).toBe(fromData);
    expect(answers.filter(([a]) => a).length).toBeGreaterThan(5);
    expect(answers.filter(([a]) => !a).length).toBeGreaterThan(5);
  });
});
