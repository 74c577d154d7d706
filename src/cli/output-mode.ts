/** What `--progress` asks for; `auto` lets the terminal decide between `tty` and `plain`. */
export type ProgressMode = 'auto' | 'tty' | 'plain' | 'json' | 'quiet';
export const PROGRESS_MODES: ProgressMode[] = ['auto', 'tty', 'plain', 'json', 'quiet'];

/** What pond can see of one output stream. A pty whose size was never set reports 0 columns. */
export interface StreamFacts {
  isTTY: boolean;
  columns?: number;
}

export interface OutputFacts {
  env: Record<string, string | undefined>;
  stdout: StreamFacts;
  stderr: StreamFacts;
  /** `--no-color`: the same as NO_COLOR. */
  noColor?: boolean;
  progress?: ProgressMode;
}

/**
 * How pond writes, decided once from the environment and the two streams. Colour is decided per
 * stream, so `pond plan > plan.txt` writes no escape codes while stderr on the terminal keeps them.
 * `live` (listr2 redrawing lines) needs a sized terminal on stderr; NO_COLOR, CI and TERM=dumb get plain lines.
 */
export interface OutputMode {
  outColor: boolean;
  errColor: boolean;
  /** A person answers prompts on stderr's terminal (not in CI). */
  interactive: boolean;
  progress: Exclude<ProgressMode, 'auto'>;
}

/** FORCE_COLOR as node and chalk read it: set (even empty), and not "0" or "false". */
function forced(env: OutputFacts['env']): boolean {
  const v = env.FORCE_COLOR;
  return v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
}

/** NO_COLOR as no-color.org defines it: present and not empty. */
function plainWanted(f: OutputFacts): boolean {
  return !!f.noColor || !!f.env.NO_COLOR || f.env.TERM === 'dumb';
}

export function decideOutput(f: OutputFacts): OutputMode {
  const plain = plainWanted(f);
  const force = forced(f.env) && !plain;
  const ci = !!f.env.CI;
  const interactive = f.stderr.isTTY && !ci;
  const sized = f.stderr.columns === undefined || f.stderr.columns > 0;
  const live = interactive && sized && !plain;
  const requested = f.progress ?? 'auto';
  return {
    outColor: force || (f.stdout.isTTY && !plain),
    errColor: force || (interactive && !plain),
    interactive,
    progress: requested === 'auto' ? (live ? 'tty' : 'plain') : requested,
  };
}
