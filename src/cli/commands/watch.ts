import path from 'node:path';
import { acquireLock } from '../../lock/lock.js';
import { WatchController } from '../../watch/controller.js';
import { BotScheduler } from '../../bots/scheduler.js';
import { scheduledBots, withScheduled } from '../../bots/schedule-view.js';
import { debounce } from '../../watch/debounce.js';
import { watchFiles, type FileEvent } from '../../watch/files.js';
import { clearHealState, writeHealState } from '../../watch/heal-state.js';
import { ReconcileQueue } from '../../watch/queue.js';
import type { Context } from '../context.js';
import { table } from '../output.js';
import { runApply } from '../run-apply.js';
import { statusRows, statusTable } from '../status.js';
import { emitStop, interruptedExitCode, untilStopped } from '../signals.js';
import { downCommand } from './down.js';
import type { UpFlags } from './up.js';
import { prepareProjectFiles } from '../../session/prepare-files.js';
import { startWatchUi } from './ui.js';
import { serialLock } from '../../ui/server/serial-lock.js';
import { PlanTracker } from '../../ui/server/plan-view.js';
import type { UiServer } from '../../ui/server/server.js';

export interface WatchFlags extends UpFlags {
  yes: boolean;
  downOnExit: boolean;
  /** Quiet time that folds a burst of saves into one reconcile. */
  debounceMs: number;
  /** How often the engine is looked at again for self-healing. */
  resyncMs: number;
  /** --ui: serve the dashboard beside the watch. */
  ui?: boolean;
}

/**
 * `pond up --watch`: an up, then a controller loop until Ctrl-C. Saves (debounced) re-read every file
 * and re-plan; a periodic resync re-observes the engine to heal what crashed or was removed. Holds the
 * project lock throughout; Ctrl-C leaves the stack running (exit 130) unless --down-on-exit.
 */
export async function watchCommand(ctx: Context, flags: WatchFlags): Promise<number> {
  const first = await ctx.project();
  const name = first.spec.name;
  const out = ctx.output;
  const lock = await acquireLock(ctx.lockDir(), name, 'pond up --watch', flags.lockTimeoutMs);
  try {
    ctx.retryBudgetMs = 0;
    const engine = await ctx.openEngine();
    let files: Awaited<ReturnType<typeof watchFiles>> | undefined;
    prepareProjectFiles(first);
    let current = first;
    const bots = new BotScheduler({ engine, out, project: () => current });
    const planned = new PlanTracker();
    let ui: UiServer | undefined;
    const controller = new WatchController({
      engine,
      out,
      apply: (plan, dir) =>
        runApply(out, plan, engine, {
          concurrency: flags.concurrency,
          waitTimeoutMs: flags.waitTimeoutMs,
          projectDir: dir,
          onEvent: (e) => planned.step(e) && ui?.plan(planned.view()),
        }),
      initial: first,
      load: async () => {
        const next = await ctx.reloadProject();
        prepareProjectFiles(next);
        current = next;
        return next;
      },
      options: { yes: flags.yes, removeOrphans: !!flags.removeOrphans },
      onPlan: (plan, held) => planned.begin(plan, held) && ui?.plan(planned.view() ?? { steps: [] }),
      onSettled: (project, heal) => {
        files?.update(project.spec.sources);
        writeHealState(ctx.lockDir(), name, heal);
      },
    });
    const initial = await controller.reconcile({ reread: false, reasons: [] });
    if (initial?.interrupted) return interruptedExitCode();
    out.out(
      table(
        statusTable(
          withScheduled(
            statusRows(
              await engine.observe(name),
              first.spec.workloads.map((w) => w.name),
            ),
            scheduledBots(first, new Date()),
          ),
        ),
      ),
    );
    let lastError = '';
    const queue = new ReconcileQueue(
      (t) => controller.reconcile(t),
      (e) => {
        const text = e instanceof Error ? e.message : String(e);
        if (text !== lastError) out.log(`error: ${text} (the stack is left as it is; retrying)`);
        lastError = text;
      },
    );
    const saves = debounce(
      (reasons) => queue.request({ reread: true, reasons }),
      flags.debounceMs,
      flags.debounceMs * 5,
    );
    files = await watchFiles(controller.sources, (e) => onFile(e, ctx.cwd, saves.push, out.log));
    out.log(
      `watching ${controller.sources.map((f) => path.relative(ctx.cwd, f)).join(', ')} (Ctrl-C stops watching; the stack keeps running)`,
    );
    bots.start();
    const approve = (): void => {
      controller.approveHeld();
      queue.request({ reread: false, reasons: ['confirmed'] });
    };
    ui = flags.ui
      ? await startWatchUi(ctx, {
          engine,
          project: () => current,
          concurrency: flags.concurrency,
          lock: serialLock(),
          watch: {
            approve: () => (approve(), { ok: true, message: 'approved: steps held for data loss run now' }),
            plan: () => planned.view(),
          },
        })
      : undefined;
    const events = new AbortController();
    const following = controller.followEvents(events.signal);
    const tick = setInterval(() => queue.busy || queue.request({ reread: false, reasons: [] }), flags.resyncMs);
    const stopKeys = listenForApproval(approve);
    await untilStopped();
    await ui?.close();
    out.log('stopping the watch; the stack is left running');
    clearInterval(tick);
    events.abort();
    await following;
    await bots.stop();
    stopKeys();
    saves.cancel();
    await files.close();
    await queue.stop();
    clearHealState(ctx.lockDir(), name);
  } finally {
    await lock.release();
  }
  if (flags.downOnExit) await downCommand(ctx, { lockTimeoutMs: flags.lockTimeoutMs, concurrency: flags.concurrency });
  return interruptedExitCode();
}

function onFile(e: FileEvent, cwd: string, push: (reason: string) => void, log: (line: string) => void): void {
  const rel = path.relative(cwd, e.file);
  if (e.kind === 'unlink') log(`warning: ${rel} was deleted; nothing is torn down because of it`);
  push(`${rel} ${e.kind === 'unlink' ? 'deleted' : e.kind === 'add' ? 'created' : 'changed'}`);
}

/** On a terminal, `y` confirms the steps currently held for data loss. Returns a function that stops listening. */
function listenForApproval(onApprove: () => void): () => void {
  if (!process.stdin.isTTY) return () => undefined;
  process.stdin.setRawMode(true);
  const onData = (data: Buffer): void => {
    const key = data.toString();
    if (key === '\u0003') emitStop();
    if (key.toLowerCase() === 'y') onApprove();
  };
  process.stdin.on('data', onData);
  return () => {
    process.stdin.off('data', onData);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  };
}
