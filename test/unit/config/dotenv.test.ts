import { describe, expect, it } from 'vitest';
import { parseDotEnv } from '../../../src/config/dotenv.js';

describe('parseDotEnv', () => {
  it('reads comments, export, quotes and inline comments', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value # trailing comment',
      'export EXPORTED=yes',
      "SINGLE='lit $HOME \\n'",
      'DOUBLE="line\\nnext \\"q\\""',
      'EMPTY=',
      'SPACED = padded  ',
      'HASH=a#b',
    ].join('\n');
    expect(parseDotEnv('/p/.env', text)).toEqual({
      values: {
        PLAIN: 'value',
        EXPORTED: 'yes',
        SINGLE: 'lit $HOME \\n',
        DOUBLE: 'line\nnext "q"',
        EMPTY: '',
        SPACED: 'padded',
        HASH: 'a#b',
      },
      diagnostics: [],
    });
  });

  it('reports lines it cannot read and keeps the rest', () => {
    const result = parseDotEnv('/p/.env', 'GOOD=1\n  not a line\nBAD="open\n');
    expect(result.values).toEqual({ GOOD: '1' });
    expect(result.diagnostics.map((d) => [d.code, d.location])).toEqual([
      ['dotenv-syntax', { file: '/p/.env', line: 2, col: 3 }],
      ['dotenv-syntax', { file: '/p/.env', line: 3, col: 1 }],
    ]);
    expect(result.diagnostics[0]?.message).toBe('cannot read this line of .env');
  });
});
