/**
 * Where output goes: results (plans, tables, JSON) on stdout, progress and diagnostics on stderr.
 * Colour and live redraws only on a TTY without NO_COLOR or CI; everything else gets plain lines.
 */
export interface Output {
  tty: boolean;
  color: boolean;
  out(text: string): void;
  err(text: string): void;
  /** A progress line on stderr: timestamped when not on a TTY, so CI logs read in order. */
  log(line: string): void;
}

export function createOutput(stdout = process.stdout, stderr = process.stderr, env = process.env): Output {
  const tty = !!stderr.isTTY && !env.CI;
  const color = tty && !env.NO_COLOR && env.TERM !== 'dumb';
  return {
    tty,
    color,
    out: (text) => void stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => void stderr.write(text.endsWith('\n') ? text : text + '\n'),
    log: (line) => void stderr.write(tty ? `${line}\n` : `${timestamp()} ${line}\n`),
  };
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}

export function paint(o: Output, code: number, text: string): string {
  return o.color ? `\x1b[${code}m${text}\x1b[0m` : text;
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
