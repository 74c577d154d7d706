import type { Diagnostic } from '../errors.js';
import { expand, type Lookup } from './template.js';

export interface DotEnv {
  values: Record<string, string>;
  diagnostics: Diagnostic[];
}

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([\s\S]*)$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$$' };

/** One value's text and the lines it spans (a quoted value may run over several). */
interface Entry {
  key: string;
  body: string;
  last: number;
}

/**
 * Parses a `.env` file the way Compose reads one: `KEY=VALUE` lines, `#` comments, an optional
 * `export ` prefix; values in single quotes (literal, may span lines), double quotes (may span lines;
 * `\n`, `\t`, `\"`, `\\`, `\$` escapes) or bare (trimmed; ` #` starts a comment). Double-quoted and bare
 * values expand `${VAR}`, `$VAR`, `${VAR:-default}` and the other forms of pond.yaml, from `env`
 * (the process environment wins, as it does over `.env` everywhere) and then the keys above; an unset
 * variable reads as empty. Lines it cannot read are reported with their position and skipped, so one
 * typo does not hide the rest of the file.
 */
export function parseDotEnv(file: string, text: string, env: Lookup = () => undefined): DotEnv {
  const values: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const lookup: Lookup = (name) => env(name) ?? values[name];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trimStart();
    if (line.trim() === '' || line.startsWith('#')) continue;
    const entry = readEntry(lines, i);
    const value = entry ? readValue(entry.body, lookup) : undefined;
    if (entry && typeof value === 'string') values[entry.key] = value;
    else diagnostics.push(syntaxError(file, i, raw, typeof value === 'object' ? value.problem : undefined));
    i = entry?.last ?? i;
  }
  return { values, diagnostics };
}

function readEntry(lines: string[], first: number): Entry | undefined {
  const match = LINE.exec(lines[first]!.trimStart());
  if (!match) return undefined;
  let body = match[2]!;
  let last = first;
  const quote = body[0];
  if (quote === '"' || quote === "'") {
    while (closingQuote(body, quote) < 0 && last + 1 < lines.length) body += '\n' + lines[++last];
  }
  return { key: match[1]!, body, last };
}

type Read = string | { problem: string } | undefined;

function readValue(text: string, lookup: Lookup): Read {
  if (text.startsWith("'")) return quoted(text, "'", (body) => body);
  if (text.startsWith('"')) return quoted(text, '"', (body) => expanded(unescape(body), lookup));
  return expanded(text.replace(/\s+#.*$/, '').trim(), lookup);
}

function quoted(text: string, quote: string, decode: (body: string) => Read): Read {
  const end = closingQuote(text, quote);
  if (end < 0) return undefined;
  const rest = text.slice(end + 1).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  return decode(text.slice(1, end));
}

function expanded(text: string, lookup: Lookup): Read {
  const result = expand(text, lookup, { unsetIsEmpty: true });
  const problem = result.problems[0];
  return problem ? { problem: problem.message } : result.value;
}

function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** Escapes become their characters, except `\$`, which becomes `$$` so that expansion leaves one `$`. */
function unescape(body: string): string {
  return body.replace(/\\(.)/g, (whole, c: string) => ESCAPES[c] ?? whole);
}

function syntaxError(file: string, index: number, raw: string, problem?: string): Diagnostic {
  return {
    code: 'dotenv-syntax',
    message: problem
      ? `${problem} in ${file.split(/[\\/]/).pop()}`
      : `cannot read this line of ${file.split(/[\\/]/).pop()}`,
    hint: problem
      ? 'write ${NAME} or ${NAME:-default}; write $$ or \\$ for a literal $'
      : 'write KEY=VALUE; quote values with spaces: KEY="a value"',
    location: { file, line: index + 1, col: raw.length - raw.trimStart().length + 1 },
    severity: 'error',
  };
}
