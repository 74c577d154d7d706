import type { BotRunner } from '../apply/actions.js';
import { applyPlan, type ApplyResult, type StepEvent } from '../apply/executor.js';
import type { Engine } from '../engine/types.js';
import { AlreadyReportedError, PondError, TimeoutError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { note, type Output } from './output.js';
import { jsonProgress, quietProgress } from './progress-json.js';
import { stepTitle } from '../plan/step-title.js';
import { plainProgress, ttyProgress, type Progress } from './progress.js';
import { interruptedExitCode, whileStoppable, type StopSignal } from './signals.js';

export interface RunApplyOptions {
  concurrency: number;
  waitTimeoutMs: number;
  /** pond.yaml's folder: removed containers' last output goes to its .pond/logs. */
  projectDir?: string;
  /** Performs the plan's `run` steps. */
  runBot?: BotRunner;
  /** Also told every step event (watch mode's dashboard). */
  onEvent?: (e: StepEvent) => void;
}

/**
 * Applies a plan with progress drawn, stop signals handled (cli/signals.ts: first: finish in-flight calls,
 * start nothing new, exit 128+N; second: exit at once) and every outcome reported. The caller shows what it wants and then
 * calls `failUnlessOk`.
 */
export async function runApply(
  out: Output,
  plan: Plan,
  engine: Engine,
  options: RunApplyOptions,
): Promise<ApplyResult> {
  const abort = new AbortController();
  const onStop = (signal: StopSignal): void => {
    out.err(`\ninterrupted (${signal}): finishing calls in flight, starting nothing new (a second signal quits now)`);
    abort.abort();
  };
  const progress = await progressFor(out, plan);
  const started = Date.now();
  return whileStoppable(onStop, async () => {
    const result = await applyPlan(plan, engine, {
      concurrency: options.concurrency,
      waitTimeoutMs: options.waitTimeoutMs,
      projectDir: options.projectDir,
      runBot: options.runBot,
      signal: abort.signal,
      onEvent: (e) => {
        progress.onEvent(e);
        options.onEvent?.(e);
      },
    });
    await progress.done();
    reportOutcome(out, result, Date.now() - started);
    return result;
  });
}

/** The drawing --progress asked for (cli/output-mode.ts decided what `auto` means here). */
async function progressFor(out: Output, plan: Plan): Promise<Progress> {
  const mode = out.progress ?? (out.tty ? 'tty' : 'plain');
  if (mode === 'tty') return ttyProgress(plan);
  if (mode === 'json') return jsonProgress((line) => out.err(line));
  if (mode === 'quiet') return quietProgress;
  return plainProgress(out);
}

/**
 * The exit code an apply ends with (DESIGN §3): 130/143/129 after SIGINT/SIGTERM/SIGHUP, 124 when a step failed by
 * timing out, 1 after any other failure, 0 otherwise.
 */
export function applyExitCode(result: ApplyResult | undefined): number {
  if (!result) return 0;
  if (result.interrupted) return interruptedExitCode();
  if (result.ok) return 0;
  return result.results.some((r) => r.status === 'failed' && r.error instanceof TimeoutError) ? 124 : 1;
}

/** Ends the command with applyExitCode; the outcome was already reported, so nothing more is printed. */
export function failUnlessOk(result: ApplyResult | undefined): void {
  const code = applyExitCode(result);
  if (code)
    throw new AlreadyReportedError(result?.interrupted ? 'interrupted: some steps did not run' : 'apply failed', code);
}

function reportOutcome(out: Output, result: ApplyResult, ms: number): void {
  if (out.progress === 'json') return;
  for (const r of result.results) {
    if (r.status === 'failed') {
      out.err(`error: ${stepTitle(r.step)} failed: ${r.error?.message ?? 'unknown error'}`);
      if (r.error instanceof PondError && r.error.hint) out.err(`  hint: ${r.error.hint}`);
    }
    for (const w of r.warnings) note(out, `warning: ${w}`);
  }
  const count = (s: string): number => result.results.filter((r) => r.status === s).length;
  const parts = [
    `${count('done')} done`,
    count('failed') && `${count('failed')} failed`,
    count('skipped') && `${count('skipped')} skipped`,
    count('cancelled') && `${count('cancelled')} not started`,
  ];
  note(out, `Apply: ${parts.filter(Boolean).join(', ')} in ${(ms / 1000).toFixed(1)}s.`);
}
