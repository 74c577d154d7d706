/**
 * What a command "does" in the in-memory engine, which runs no processes: scripted output, an exit
 * code, files it leaves behind. Keyed by the command joined with spaces. Without `exitCode` the
 * program runs until it is stopped or killed.
 */
export interface Program {
  stdout?: string[];
  stderr?: string[];
  /** Exits with this code as soon as it starts; absent: runs until stopped. */
  exitCode?: number;
  /** The code a graceful stop ends it with (a process that traps SIGTERM); default 0. */
  stopExitCode?: number;
  /** Its start fails (no such executable): the container stays created. */
  failsToStart?: boolean;
  /** Files it writes, by absolute path in its filesystem. */
  files?: Record<string, string>;
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };

/** The exit code a process killed by `signal` ("SIGKILL", "KILL", "9") reports: 128 + its number. */
export function killedExitCode(signal: string): number {
  const n = /^\d+$/.test(signal) ? Number(signal) : (SIGNALS[signal.toUpperCase().replace(/^SIG/, '')] ?? 9);
  return 128 + n;
}

export function programKey(command: string[] | undefined): string {
  return (command ?? []).join(' ');
}
