import { decideOutput, type ProgressMode } from './output-mode.js';

/**
 * Where output goes: results (plans, tables, JSON) on stdout, progress and diagnostics on stderr.
 * Colour per stream and the progress style come from decideOutput (cli/output-mode.ts).
 */
export interface Output {
  /** stderr is a terminal a person watches (not CI): prompts may ask. */
  tty: boolean;
  /** Colour for what goes to stderr (plans shown before an apply, progress). */
  color: boolean;
  /** Colour for what goes to stdout (plan, log prefixes). */
  outColor?: boolean;
  /** How apply progress is drawn: live (listr2), plain lines, NDJSON events, or nothing. */
  progress?: Exclude<ProgressMode, 'auto'>;
  out(text: string): void;
  /** Errors and warnings on stderr: always shown, even with --progress quiet. */
  err(text: string): void;
  /** Chatter on stderr (a plan before an apply, summaries): left out with --progress quiet or json. */
  note?(text: string): void;
  /** A progress line on stderr: timestamped unless drawn live, so CI logs read in order; a JSON event with --progress json. */
  log(line: string): void;
  /** Aborts once stdout's reader went away (`pond logs | head -1`): a follow stops, writes are dropped. */
  closed?: AbortSignal;
}

/** What the command line says about output: `--no-color`, `--progress`. */
export interface OutputFlags {
  noColor?: boolean;
  progress?: ProgressMode;
}

type Stream = NodeJS.WriteStream;

export function createOutput(
  flags: OutputFlags = {},
  stdout: Stream = process.stdout,
  stderr: Stream = process.stderr,
  env = process.env,
): Output {
  const mode = decideOutput({
    env,
    noColor: flags.noColor,
    progress: flags.progress,
    stdout: facts(stdout),
    stderr: facts(stderr),
  });
  const closed = watchClosed(stdout);
  const write = (text: string): void => void stderr.write(text.endsWith('\n') ? text : text + '\n');
  const silent = mode.progress === 'quiet' || mode.progress === 'json';
  return {
    tty: mode.interactive,
    color: mode.errColor,
    outColor: mode.outColor,
    progress: mode.progress,
    closed,
    out: (text) => void (closed.aborted || stdout.write(text.endsWith('\n') ? text : text + '\n')),
    err: write,
    note: (text) => void (silent || write(text)),
    log: (line) => {
      if (mode.progress === 'quiet') return;
      if (mode.progress === 'json')
        return write(JSON.stringify({ time: new Date().toISOString(), status: 'info', message: line }));
      write(mode.progress === 'tty' ? line : `${timestamp()} ${line}`);
    },
  };
}

function facts(s: Stream): { isTTY: boolean; columns?: number } {
  return s.isTTY ? { isTTY: true, columns: s.columns } : { isTTY: false };
}

/** Chatter that --progress quiet and json leave out; `err` when the output has no notion of it. */
export function note(o: Output, text: string): void {
  if (o.note) o.note(text);
  else o.err(text);
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
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
