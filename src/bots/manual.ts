import type { Engine } from '../engine/types.js';
import { LockHeldError } from '../errors.js';
import type { Project } from '../pipeline.js';
import { decide, liveRuns } from './concurrency.js';
import { botOf } from './run.js';

/**
 * A manual run obeys the bot's `concurrency:` like a scheduled one, against the runs the engine shows
 * (so it holds between two pond processes): forbid refuses while one is going (exit 5, like a held
 * lock: nothing was touched, and retrying later works), replace stops the running ones first, allow
 * goes ahead.
 */
export async function admitManualRun(
  engine: Engine,
  project: Project,
  bot: string,
  log: (line: string) => void,
): Promise<void> {
  const { template, facts } = botOf(project, bot);
  const live = liveRuns(await engine.observe(project.spec.name), bot);
  const decision = decide(
    facts.concurrency,
    live.map((r) => r.id),
  );
  if (decision.action === 'start') return;
  if (decision.action === 'skip') {
    throw new LockHeldError(
      `bot ${bot}: ${decision.reason}: not started`,
      `wait for it to finish (pond runs ${bot}), or set concurrency: replace or allow on ${bot}`,
    );
  }
  for (const run of live) {
    log(`run ${bot}: stopping run ${run.id} (concurrency: replace)`);
    await engine.stopWorkload(run.container, template.spec.stopTimeoutSec);
  }
}
