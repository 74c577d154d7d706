import { describe, expect, it } from 'vitest';
import { pondYaml } from '../../../bench/stack-files.js';
import { fastTree } from '../../../src/config/parse-fast.js';
import { fullParse } from '../../../src/config/parse.js';
import { TRICKY, repoYaml } from './parse-fast-cases.js';

const CORPUS: [string, string][] = [...repoYaml(), ['bench pondYaml(50, 1)', pondYaml(50, 1)]];

const NOISE = [
  ' ',
  '\n',
  ':',
  ': ',
  '- ',
  '-',
  '#',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>',
  '?',
  '\t',
  '😀',
  '\\',
  '\r\n',
];

/** `count` texts, each a corpus text (cut to 3,000 characters) with a few characters deleted or inserted; seeded, so a failure repeats. */
function mutations(texts: string[], count: number): string[] {
  let seed = 1;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, () => {
    let text = texts[next(texts.length)]!.slice(0, 3000);
    for (let m = 1 + next(4); m > 0; m--) {
      const at = next(text.length + 1);
      const insert = next(3) === 0 ? '' : NOISE[next(NOISE.length)]!;
      text = text.slice(0, at) + insert + text.slice(insert === '' ? at + 1 + next(3) : at);
    }
    return text;
  });
}

/** The fast path's contract: decline, or build exactly the full parser's tree, and never accept what it refuses. */
function expectSameOrDeclined(text: string): 'same' | 'declined' {
  const fast = fastTree('f.yaml', text);
  const full = fullParse('f.yaml', text);
  if (fast === undefined) return 'declined';
  expect(full.diagnostics, JSON.stringify(text)).toEqual([]);
  expect(fast, JSON.stringify(text)).toEqual(full.tree);
  return 'same';
}

describe('fastTree builds the full parser’s tree or declines', () => {
  it('finds the corpus', () => {
    expect(CORPUS.length).toBeGreaterThan(50);
  });

  it.each(CORPUS)('%s', (_name, text) => {
    expectSameOrDeclined(text);
  });

  it.each(TRICKY)('%j', (text) => {
    expectSameOrDeclined(text);
  });

  it('agrees on thousands of seeded mutations of the corpus, syntax errors included', () => {
    let accepted = 0;
    for (const text of mutations([...CORPUS.map(([, t]) => t), ...TRICKY], 2000)) {
      if (expectSameOrDeclined(text) === 'same') accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('takes the fast path for the bench file and most of the corpus', () => {
    expect(expectSameOrDeclined(pondYaml(50, 1))).toBe('same');
    const taken = CORPUS.filter(([, text]) => fastTree('f.yaml', text) !== undefined).length;
    expect(taken).toBeGreaterThan(CORPUS.length / 2);
  });
});
