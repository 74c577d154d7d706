import type { Diagnostic } from '../errors.js';

export interface DotEnv {
  values: Record<string, string>;
  diagnostics: Diagnostic[];
}

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/**
 * Parses a `.env` file: `KEY=VALUE` lines, `#` comments, an optional `export ` prefix, and values in
 * single quotes (literal), double quotes (`\n`, `\"`, `\\` escapes) or bare (trimmed; ` #` starts a
 * comment). Values are not interpolated. Lines it cannot read are reported with their position and
 * skipped, so one typo does not hide the rest of the file.
 */
export function parseDotEnv(file: string, text: string): DotEnv {
  const values: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    const value = match ? readValue(match[2] ?? '') : undefined;
    if (match && value !== undefined) {
      values[match[1]!] = value;
      return;
    }
    diagnostics.push({
      code: 'dotenv-syntax',
      message: `cannot read this line of ${file.split(/[\\/]/).pop()}`,
      hint: 'write KEY=VALUE; quote values with spaces: KEY="a value"',
      location: { file, line: index + 1, col: raw.length - raw.trimStart().length + 1 },
      severity: 'error',
    });
  });
  return { values, diagnostics };
}

function readValue(text: string): string | undefined {
  if (text.startsWith("'")) return quoted(text, "'", (body) => body);
  if (text.startsWith('"')) return quoted(text, '"', unescape);
  return text.replace(/\s+#.*$/, '').trim();
}

function quoted(text: string, quote: string, decode: (body: string) => string): string | undefined {
  const end = closingQuote(text, quote);
  if (end < 0) return undefined;
  const rest = text.slice(end + 1).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  return decode(text.slice(1, end));
}

function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function unescape(body: string): string {
  return body.replace(/\\(.)/g, (whole, c: string) => ESCAPES[c] ?? whole);
}
