import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../../src/config/caps.js';
import { fastTree } from '../../../src/config/parse-fast.js';
import { fullParse, parseYaml } from '../../../src/config/parse.js';

const deepMap = `a:\n${Array.from({ length: MAX_DEPTH + 1 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`;

/** Each input the fast path must leave to the full parser, by what makes it unusual. */
const FALLBACKS: [string, string][] = [
  ['a syntax error js-yaml throws on', 'a: "unterminated\n'],
  ['a duplicate key', 'a: 1\na: 2\n'],
  ['keys the full parser types to one name', '0x1F: a\n31: b\n'],
  ['an anchor', 'a: &x 1\n'],
  ['an alias', 'a: &x 1\nb: *x\n'],
  ['an undefined alias', 'a: *x\n'],
  ['a core tag', 'a: !!str 1\n'],
  ['an unknown tag', 'a: !custom x\n'],
  ['a << merge key', 'b: {x: 1}\nc:\n  <<: {y: 2}\n'],
  ['a second document', 'a: 1\n---\nb: 2\n'],
  ['a --- marker', '---\na: 1\n'],
  ['a ... marker', 'a: 1\n...\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['nesting deeper than MAX_DEPTH', deepMap],
  ['flow nesting deeper than MAX_DEPTH', `a: ${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}\n`],
  ['a top level that is a list', '- a\n- b\n'],
  ['a top level that is a scalar', 'just text\n'],
  ['an empty file', ''],
  ['a file of comments only', '# nothing\n'],
  ['a non-scalar key', '[a, b]: 1\n'],
  ['a flow-map key', '{a: 1}: 2\n'],
  ['an explicit key without a value', '? a\n'],
  ['a flow-map key without a value', 'a: {b, c: 1}\n'],
  ['a pair inside a flow list', 'a: [x: 1]\n'],
  ['an empty list item', 'a:\n  - x\n  -\n'],
  ['a key past the 1024-character limit', `${'k'.repeat(1100)}: 1\n`],
  ['a comment glued to a quoted value', 'a: "q"#c\n'],
  ['a block scalar led by a line of spaces', 'a: |\n    \n  x\n'],
  ['a lone carriage return', 'a: 1\rb: 2\n'],
  ['a Unicode line separator', 'a: x\u2028y\n'],
  ['a tab as indentation', 'a:\n\tb: 1\n'],
  ['a tab on a blank line', 'a:\n\t\r\nb: 1\n'],
  ['a flow list closed at column 1', 'a: [\n1]\n'],
];

describe('fastTree declines what only the full parser may judge', () => {
  it.each(FALLBACKS)('declines %s', (_name, text) => {
    expect(fastTree('f.yaml', text)).toBeUndefined();
  });

  it.each(FALLBACKS)('parseYaml reports %s as the full parser does', (_name, text) => {
    expect(parseYaml('f.yaml', text)).toEqual(fullParse('f.yaml', text));
  });
});
