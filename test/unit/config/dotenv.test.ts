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

describe('parseDotEnv, the Compose forms', () => {
  const values = (text: string, env: Record<string, string> = {}) => {
    const result = parseDotEnv('/p/.env', text, (n) => env[n]);
    expect(result.diagnostics).toEqual([]);
    return result.values;
  };

  it('a double-quoted value may span lines, keeping its real newlines', () => {
    expect(values('CERT="-----BEGIN-----\nabc  \n-----END-----"\nNEXT=1')).toEqual({
      CERT: '-----BEGIN-----\nabc  \n-----END-----',
      NEXT: '1',
    });
  });

  it('\\n inside double quotes is a newline', () => {
    expect(values('TWO="a\\nb"')).toEqual({ TWO: 'a\nb' });
  });

  it('a single-quoted value is literal, across lines too, with no expansion or escapes', () => {
    expect(values("A=x\nLIT='${A} \\n $A\nline2'")).toEqual({ A: 'x', LIT: '${A} \\n $A\nline2' });
  });

  it('${VAR} in bare and double-quoted values refers to keys above', () => {
    expect(values('HOST=db\nURL=pg://${HOST}:5432\nQ="at $HOST"')).toEqual({
      HOST: 'db',
      URL: 'pg://db:5432',
      Q: 'at db',
    });
  });

  it('${VAR} refers to the process environment, which wins over keys above', () => {
    expect(values('USER=file\nHOME_DIR=/home/${USER}\nFROM_ENV=${ONLY_ENV}', { USER: 'proc', ONLY_ENV: 'e' })).toEqual({
      USER: 'file',
      HOME_DIR: '/home/proc',
      FROM_ENV: 'e',
    });
  });

  it('${VAR:-default} gives the default when VAR is unset or empty', () => {
    expect(values('EMPTY=\nA=${NOPE:-one}\nB="${EMPTY:-two}"\nC=${A:-three}')).toEqual({
      EMPTY: '',
      A: 'one',
      B: 'two',
      C: 'one',
    });
  });

  it('an unset variable reads as empty, as in Compose', () => {
    expect(values('A=x${NOPE}y')).toEqual({ A: 'xy' });
  });

  it('$$ and \\$ (in double quotes) are a literal $', () => {
    expect(values('A=1\nB=p$$w\nC="p\\$A"')).toEqual({ A: '1', B: 'p$w', C: 'p$A' });
  });

  it('export KEY=... is accepted, and comments are skipped', () => {
    expect(values('# top\nexport A=1 # trailing\n  # indented comment\nexport B="2" # after quotes')).toEqual({
      A: '1',
      B: '2',
    });
  });

  it('${VAR:?message} for an unset VAR is an error at its line', () => {
    const result = parseDotEnv('/p/.env', 'OK=1\nA=${NOPE:?set it}');
    expect(result.diagnostics.map((d) => [d.code, d.location?.line, d.message])).toEqual([
      ['dotenv-syntax', 2, 'variable "NOPE" is not set: set it in .env'],
    ]);
  });

  it('an unterminated quote is one error at its first line', () => {
    const result = parseDotEnv('/p/.env', 'A="open\nB=2\nC=3');
    expect(result.diagnostics.map((d) => d.location?.line)).toEqual([1]);
  });
});
