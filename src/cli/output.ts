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
  /** Colour for what goes to stdout (log prefixes): stdout itself is a TTY and NO_COLOR is unset. */
  outColor?: boolean;
  /** Aborts once stdout's reader went away (`pond logs | head -1`): a follow stops, writes are dropped. */
  closed?: AbortSignal;
}

export function createOutput(stdout = process.stdout, stderr = process.stderr, env = process.env): Output {
  const tty = !!stderr.isTTY && !env.CI;
  const color = tty && !env.NO_COLOR && env.TERM !== 'dumb';
  const closed = watchClosed(stdout);
  return {
    tty,
    color,
    outColor: !!stdout.isTTY && !env.NO_COLOR && env.TERM !== 'dumb',
    closed,
    out: (text) => void (closed.aborted || stdout.write(text.endsWith('\n') ? text : text + '\n')),
    err: (text) => void stderr.write(text.endsWith('\n') ? text : text + '\n'),
    log: (line) => void stderr.write(tty ? `${line}\n` : `${timestamp()} ${line}\n`),
  };
}

const watched = new WeakMap<NodeJS.WritableStream, AbortSignal>();

/**
 * A reader that closes the pipe early (`| head -1`) makes the next write fail with EPIPE; unhandled,
 * node prints a stack trace. Here it only marks stdout closed: nothing more is written, and the
 * command ends as it would have (logs stops following).
 */
function watchClosed(stdout: NodeJS.WritableStream): AbortSignal {
  const known = watched.get(stdout);
  if (known) return known;
  const abort = new AbortController();
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    abort.abort();
  });
  watched.set(stdout, abort.signal);
  return abort.signal;
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
