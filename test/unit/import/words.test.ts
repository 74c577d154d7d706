import { describe, expect, it } from 'vitest';
import { splitArgs } from '../../../src/import/words.js';

describe('splitArgs splits a command string as a POSIX shell would, without running one', () => {
  it('splits at whitespace', () => {
    expect(splitArgs('  npm   run start ')).toEqual(['npm', 'run', 'start']);
  });

  it('keeps quoted spaces and drops the quotes', () => {
    expect(splitArgs(`echo "a b" 'c d' e\\ f`)).toEqual(['echo', 'a b', 'c d', 'e f']);
  });

  it('keeps an empty quoted argument', () => {
    expect(splitArgs(`run ""`)).toEqual(['run', '']);
  });

  it('is undefined for a quote that does not close', () => {
    expect(splitArgs(`echo "open`)).toBeUndefined();
  });
});
