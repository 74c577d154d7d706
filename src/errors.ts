/**
 * Every failure pond reports is a PondError subclass; the CLI maps the class to an exit code in one
 * place (cli/exit.ts). Codes: 0 ok · 1 apply/runtime · 2 plan has changes · 3 invalid config or usage ·
 * 4 engine unreachable · 5 lock held · 124 timeout · 130 interrupted.
 */
export class PondError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A place in a user's file. Lines and columns are 1-based. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

/** One problem found in a user's configuration, reported as `file:line:col error[code]: message`. */
export interface Diagnostic {
  code: string;
  message: string;
  hint?: string;
  location?: Location;
  severity: 'error' | 'warning';
}

/**
 * Invalid configuration or usage: all problems collected, reported together, nothing touched.
 * `notes` name the checks that could not run on what was broken ("graph checks skipped: ..."), so a
 * clean second run is not mistaken for a promise that nothing else is wrong.
 */
export class ConfigError extends PondError {
  override readonly exitCode = 3;
  /** `message` defaults to the diagnostics' messages; the API passes them formatted, with file:line:col. */
  constructor(
    readonly diagnostics: Diagnostic[],
    message?: string,
    readonly notes: string[] = [],
  ) {
    super(message ?? diagnostics.map((d) => d.message).join('; '));
  }
}

export class UsageError extends PondError {
  override readonly exitCode = 3;
}

/** The engine could not be reached at all (socket missing, refused, DOCKER_HOST wrong). */
export class EngineUnreachableError extends PondError {
  override readonly exitCode = 4;
}

/** Another pond process holds the project's lock. */
export class LockHeldError extends PondError {
  override readonly exitCode = 5;
}

export class TimeoutError extends PondError {
  override readonly exitCode = 124;
}

export class InterruptedError extends PondError {
  override readonly exitCode = 130;
}

/** A failure whose details were already printed (apply's outcome report): exit with its code, print nothing more. */
export class AlreadyReportedError extends PondError {
  override readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * An apply ended with failed steps, for callers that get no printed report (the programmatic API):
 * each failure is kept with its step. Exit code 124 when a step timed out, else 1 (as the CLI's).
 */
export class ApplyError extends PondError {
  override readonly exitCode: number;
  constructor(
    message: string,
    readonly failures: { step: string; error: Error }[],
    hint?: string,
  ) {
    super(message, hint);
    this.exitCode = failures.some((f) => f.error instanceof TimeoutError) ? 124 : 1;
  }
}

/** The exit code the CLI ends with for this failure (cli/exit.ts's mapping): a PondError's own, 1 for anything else. */
export function exitCodeOf(e: unknown): number {
  return e instanceof PondError ? e.exitCode : 1;
}

/** An engine call failed for a reason other than reachability. `status` is the HTTP status if any. */
export class EngineError extends PondError {
  constructor(
    message: string,
    readonly status?: number,
    hint?: string,
  ) {
    super(message, hint);
  }
}

/**
 * The engine holds a stale task for this container (dockerd crashed between creating and starting it):
 * it can never start again, only be removed and made anew.
 */
export class StaleContainerError extends EngineError {}

/** The workload changed on the engine since it was observed (a Swarm service's version moved on): plan again. */
export class StaleVersionError extends EngineError {}

/** Objects of this project's name belong to another checkout: pond will not act on them (nothing touched). */
export class ForeignProjectError extends PondError {
  override readonly exitCode = 3;
}

/**
 * The engine answers but cannot run what pond would create there (a VM or remote engine for host
 * paths, another OS or CPU for the host-built DuckDB): refused before anything is touched.
 */
export class EngineUnfitError extends PondError {}
