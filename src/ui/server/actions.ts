import fs from 'node:fs';
import path from 'node:path';
import { applyPlan, type ApplyResult } from '../../apply/executor.js';
import { admitManualRun } from '../../bots/manual.js';
import { runBot } from '../../bots/run.js';
import type { Engine } from '../../engine/types.js';
import { LockHeldError, PondError, UsageError } from '../../errors.js';
import type { Lock } from '../../lock/lock.js';
import { operationPlan } from '../../plan/operate.js';
import type { Project } from '../../pipeline.js';
import { runAdhoc } from '../../queries/adhoc.js';
import type { UiOutcome } from '../types.js';

/** The verbs the page may ask for on a workload's standing container. */
export type UiVerb = 'restart' | 'stop' | 'start';

/** An action's answer: the HTTP status and the outcome the page shows. */
export interface Answer {
  status: number;
  outcome: UiOutcome;
}

export interface ActionDeps {
  engine: Engine;
  project: () => Project;
  /** The project lock, as the CLI verb takes it (exit 5 there, 409 here, when another pond holds it). */
  lock: (command: string) => Promise<Lock>;
  concurrency: number;
}

/** `pond restart|stop|start NAME`: the same plan (plan/operate.ts), executor and lock as the CLI verb. */
export async function operate(deps: ActionDeps, verb: UiVerb, name: string): Promise<Answer> {
  const project = deps.project();
  if (!project.spec.workloads.some((w) => w.name === name))
    return notFound(`"${name}" is not a workload of project "${project.spec.name}"`);
  return answering(async () => {
    const lock = await deps.lock(`pond ui: ${verb} ${name}`);
    try {
      const observed = await deps.engine.observe(project.spec.name);
      const { plan, notes } = operationPlan({
        verb,
        named: [name],
        desired: project.desired,
        edges: project.graph.edges,
        observed,
      });
      if (!plan.steps.length)
        return { status: 200, outcome: { ok: true, message: notes.join('; ') || `nothing to ${verb}` } };
      const result = await applyPlan(plan, deps.engine, {
        concurrency: deps.concurrency,
        waitTimeoutMs: 0,
        projectDir: project.spec.dir,
      });
      return { status: 200, outcome: applied(verb, name, result) };
    } finally {
      await lock.release();
    }
  });
}

/** `pond run BOT`: one manual run under the bot's concurrency policy, answered once it has exited. */
export async function runBotNow(deps: ActionDeps, bot: string): Promise<Answer> {
  const project = deps.project();
  if (!project.spec.workloads.some((w) => w.name === bot && w.bot))
    return notFound(`"${bot}" is not a bot of project "${project.spec.name}"`);
  return answering(async () => {
    await admitManualRun(deps.engine, project, bot, () => undefined);
    const record = await runBot(deps.engine, project, bot, { trigger: 'manual' });
    const ok = record.exit_code === 0;
    return {
      status: 200,
      outcome: {
        ok,
        message: `run ${bot}: ${record.id} exited ${record.exit_code ?? '?'}${record.error ? ` (${record.error})` : ''}`,
        ...(record.exit_code !== undefined && { exitCode: record.exit_code }),
      },
    };
  });
}

/** `pond query NAME`, its result written to the query's own output file (as `pond up` does), so the preview shows it. */
export async function runQueryNow(deps: ActionDeps, name: string): Promise<Answer> {
  const project = deps.project();
  const facts = project.spec.workloads.find((w) => w.name === name)?.query;
  if (!facts) return notFound(`"${name}" is not a query of project "${project.spec.name}"`);
  return answering(async () => {
    const result = await runAdhoc(deps.engine, project, name, {});
    if (!result.ok) return { status: 200, outcome: { ok: false, message: result.message, exitCode: result.code } };
    fs.mkdirSync(path.dirname(facts.output), { recursive: true });
    fs.writeFileSync(facts.output, result.bytes);
    return {
      status: 200,
      outcome: {
        ok: true,
        message: `query ${name}: ${result.bytes.length} bytes written to ${path.relative(project.spec.dir, facts.output)}`,
        exitCode: 0,
      },
    };
  });
}

function applied(verb: UiVerb, name: string, result: ApplyResult): UiOutcome {
  const failed = result.results.filter((r) => r.status === 'failed');
  if (!failed.length) return { ok: true, message: `${verb} ${name}: done` };
  return {
    ok: false,
    message: failed
      .map((r) => `${r.step.action} ${r.step.name} failed: ${r.error?.message ?? 'unknown error'}`)
      .join('; '),
  };
}

function notFound(message: string): Answer {
  return { status: 404, outcome: { ok: false, message } };
}

/** pond's errors as the page sees them: a held lock is 409 with the lock's message, a refused request 400. */
async function answering(fn: () => Promise<Answer>): Promise<Answer> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof LockHeldError) return { status: 409, outcome: { ok: false, message: withHint(e) } };
    if (e instanceof UsageError) return { status: 400, outcome: { ok: false, message: withHint(e) } };
    if (e instanceof PondError) return { status: 500, outcome: { ok: false, message: withHint(e) } };
    return { status: 500, outcome: { ok: false, message: e instanceof Error ? e.message : String(e) } };
  }
}

function withHint(e: PondError): string {
  return e.hint ? `${e.message} (${e.hint})` : e.message;
}
