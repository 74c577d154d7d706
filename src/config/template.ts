/** Reads a variable; undefined means unset (distinct from the empty string). */
export type Lookup = (name: string) => string | undefined;

/** A problem in one string, placed by the caller at the scalar that holds it. */
export interface TemplateProblem {
  code: 'unset-variable' | 'invalid-interpolation';
  message: string;
  hint?: string;
}

export interface Expansion {
  value: string;
  problems: TemplateProblem[];
  /** Every variable name looked up, set or not. */
  names: string[];
  /** True when at least one variable expression was evaluated (not for `$$` or references alone). */
  substituted: boolean;
}

/** How `${V}` with V unset reads: pond.yaml refuses it; `.env` reads it as empty, like Compose. */
export interface ExpandOptions {
  unsetIsEmpty?: boolean;
}

/** `${workloads.NAME.field}` is a reference for a later stage, never a variable. */
export const REFERENCE_PREFIX = 'workloads.';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?|:\+|\+)([\s\S]*))?$/;
const SYNTAX_HINT = 'write ${NAME}, ${NAME:-default} or ${NAME:?message}; write $$ for a literal $';

/**
 * Compose-style interpolation of one string: `${V}`, `$V`, `${V:-d}` (unset or empty → d), `${V-d}`
 * (unset → d), `${V:?msg}` / `${V?msg}` (error), `${V:+alt}` / `${V+alt}`, and `$$` → `$`. Defaults are
 * expanded lazily and may nest. A `$` followed by anything else stays literal. Pure: `lookup` is the
 * only source of values.
 */
export function expand(text: string, lookup: Lookup, options: ExpandOptions = {}): Expansion {
  const state: State = { value: '', problems: [], names: [], substituted: false, unsetIsEmpty: !!options.unsetIsEmpty };
  state.value = expandInto(text, lookup, state);
  const { unsetIsEmpty: _, ...expansion } = state;
  return expansion;
}

type State = Expansion & { unsetIsEmpty: boolean };

function expandInto(text: string, lookup: Lookup, state: State): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const next = text[i + 1];
    if (text[i] !== '$' || next === undefined) {
      out += text[i++];
    } else if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 1);
      if (end < 0) {
        problem(
          state,
          'invalid-interpolation',
          `unterminated "\${" in "${text.slice(i, i + 24)}${text.length > i + 24 ? '…' : ''}"`,
          'close it with "}"',
        );
        return out + text.slice(i);
      }
      out += braced(text.slice(i + 2, end), lookup, state);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      out += name === undefined ? '$' : variable(name, lookup, state);
      i += 1 + (name?.length ?? 0);
    }
  }
  return out;
}

function closingBrace(text: string, open: number): number {
  let depth = 1;
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '$' && (text[j + 1] === '$' || text[j + 1] === '{')) {
      if (text[j + 1] === '{') depth++;
      j++;
    } else if (text[j] === '}' && --depth === 0) {
      return j;
    }
  }
  return -1;
}

function braced(body: string, lookup: Lookup, state: State): string {
  if (body.startsWith(REFERENCE_PREFIX)) return `\${${body}}`;
  const match = BRACED.exec(body);
  if (!match) {
    const what = body.trim() === '' ? 'empty variable name in "${}"' : `invalid expression "\${${body}}"`;
    problem(state, 'invalid-interpolation', what, SYNTAX_HINT);
    return '';
  }
  const [, name = '', op, operand = ''] = match;
  if (!op) return variable(name, lookup, state);
  const value = read(name, lookup, state);
  const unset = value === undefined || (op.startsWith(':') && value === '');
  switch (op) {
    case ':-':
    case '-':
      return unset ? expandInto(operand, lookup, state) : value!;
    case ':+':
    case '+':
      return unset ? '' : expandInto(operand, lookup, state);
    default:
      return unset ? required(name, value, expandInto(operand, lookup, state), state) : value!;
  }
}

function variable(name: string, lookup: Lookup, state: State): string {
  const value = read(name, lookup, state);
  if (value !== undefined || state.unsetIsEmpty) return value ?? '';
  problem(
    state,
    'unset-variable',
    `variable "${name}" is not set`,
    `${setHint(name)}, or give a default: \${${name}:-value}`,
  );
  return '';
}

function required(name: string, value: string | undefined, message: string, state: State): string {
  const why = value === undefined ? 'is not set' : 'is empty';
  problem(state, 'unset-variable', `variable "${name}" ${why}${message ? `: ${message}` : ''}`, setHint(name));
  return '';
}

function read(name: string, lookup: Lookup, state: State): string | undefined {
  state.substituted = true;
  if (!state.names.includes(name)) state.names.push(name);
  return lookup(name);
}

function setHint(name: string): string {
  return `export ${name}=... or add ${name}=... to the .env file beside your pond file`;
}

function problem(state: State, code: TemplateProblem['code'], message: string, hint?: string): void {
  state.problems.push({ code, message, hint });
}
