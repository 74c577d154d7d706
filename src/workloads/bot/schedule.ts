import { Cron } from 'croner';

/**
 * Cron expressions (5 fields, or 6 with seconds first), read by croner in the machine's local time.
 * Pure apart from croner's own parsing.
 */
export function cronError(expression: string): string | undefined {
  try {
    new Cron(expression, { paused: true });
    return undefined;
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).replace(/^CronPattern: /, '');
  }
}

/**
 * What is wrong with a schedule, as the end of `schedule "…" …`; undefined when nothing is. An
 * expression no date matches (Feb 30) parses but is refused too: a bot that would silently never
 * run is a typo to report, not a schedule. Searched from the epoch, not now, so that loading stays
 * independent of the clock.
 */
export function scheduleProblem(expression: string): string | undefined {
  const error = cronError(expression);
  if (error) return `is not a cron expression: ${error}`;
  return nextFires(expression, new Date(0), 1).length === 0
    ? 'can never fire: no date matches its day and month'
    : undefined;
}

/** The next `count` fire times strictly after `from`. */
export function nextFires(expression: string, from: Date, count: number): Date[] {
  return new Cron(expression, { paused: true }).nextRuns(count, from);
}

/** The fire times in (after, until]: what a scheduler that last looked at `after` has missed or reached. */
export function firesBetween(expression: string, after: Date, until: Date, max = 100): Date[] {
  const cron = new Cron(expression, { paused: true });
  const out: Date[] = [];
  let t: Date | null = cron.nextRun(after);
  while (t && t.getTime() <= until.getTime() && out.length < max) {
    out.push(t);
    t = cron.nextRun(t);
  }
  return out;
}

/** The first fire time after `after` in epoch ms (Infinity when there is none), so a caller can skip looking again until then. */
export function nextFireMs(expression: string, after: Date): number {
  return new Cron(expression, { paused: true }).nextRun(after)?.getTime() ?? Number.POSITIVE_INFINITY;
}
