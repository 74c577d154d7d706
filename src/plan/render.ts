import { wantedBy } from './make-step.js';
import type { Plan, Step } from './types.js';

export interface RenderOptions {
  color: boolean;
}

const SYMBOL: Record<Step['action'], string> = {
  create: '+',
  replace: '-/+',
  update: '~',
  start: '>',
  restart: '~',
  stop: '.',
  kill: 'x',
  remove: '-',
  run: '>>',
};
const COLOR: Record<Step['action'], number> = {
  create: 32,
  replace: 33,
  update: 33,
  start: 36,
  restart: 36,
  stop: 33,
  kill: 31,
  remove: 31,
  run: 36,
};

/** Counts per action, in a fixed order, for the summary line and JSON. */
export function summarize(plan: Plan): Record<Step['action'], number> {
  const counts = { create: 0, replace: 0, update: 0, start: 0, restart: 0, stop: 0, kill: 0, remove: 0, run: 0 };
  for (const s of plan.steps) counts[s.action]++;
  return counts;
}

export function hasChanges(plan: Plan): boolean {
  return plan.steps.length > 0;
}

/**
 * Terraform-style text: one line per step with its symbol, kind, name and cause, changed fields
 * listed under a replace or an update, `!` in front of anything that deletes data, a `risk:` line for every
 * workload's weakened default (changed or not), then a summary line.
 */
export function renderPlan(plan: Plan, opts: RenderOptions): string {
  const paint = (code: number, text: string): string => (opts.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const width = Math.max(
    8,
    ...plan.steps.map((s) => s.name.length),
    ...plan.orphans.map((o) => o.name.length),
    ...(plan.orphanVolumes ?? []).map((v) => v.name.length),
  );
  if (plan.steps.length) lines.push(`pond will perform these actions on project "${plan.project}":`, '');
  for (const s of plan.steps) {
    const mark = s.destructive ? paint(31, '!') : ' ';
    const symbol = paint(COLOR[s.action], SYMBOL[s.action].padStart(3));
    const cause = s.action === 'remove' ? `${s.cause} [${s.engineName}]` : s.cause;
    lines.push(
      `${mark}${symbol} ${kindLabel(s).padEnd(9)} ${s.name.padEnd(width)}  ${s.changes.length > 1 ? cause + ':' : cause}`,
    );
    if (s.changes.length > 1) for (const c of s.changes) lines.push(`${' '.repeat(17 + width)}${c}`);
  }
  for (const o of plan.orphans) {
    lines.push(
      ` ${paint(33, '?'.padStart(3))} ${'container'.padEnd(9)} ${o.name.padEnd(width)}  orphan: not in pond.yaml (kept; --remove-orphans removes it) [${o.engineName}]`,
    );
  }
  for (const v of plan.orphanVolumes ?? []) {
    lines.push(
      ` ${paint(33, '?'.padStart(3))} ${'volume'.padEnd(9)} ${v.name.padEnd(width)}  orphan: not in pond.yaml (kept with its data; --remove-orphans deletes it)`,
    );
  }
  for (const r of plan.risks ?? []) lines.push(`${paint(35, 'risk:')} ${r.workload} ${r.message} [${r.code}]`);
  for (const w of plan.warnings) lines.push(`${paint(33, 'warning:')} ${w}`);
  if (lines.length) lines.push('');
  lines.push(summaryLine(plan));
  return lines.join('\n') + '\n';
}

function kindLabel(s: Step): string {
  return s.resource;
}

export function summaryLine(plan: Plan): string {
  const kept = plan.orphans.length + (plan.orphanVolumes?.length ?? 0);
  const orphans = kept ? ` ${kept} orphan${kept > 1 ? 's' : ''} kept.` : '';
  if (!hasChanges(plan)) {
    const n = plan.unchanged.length;
    return `No changes. Project "${plan.project}" matches its configuration (${n} workload${n === 1 ? '' : 's'} up to date).${orphans}`;
  }
  const c = summarize(plan);
  const destructive = plan.steps.filter((s) => s.destructive).length;
  const loss = destructive
    ? ` ${destructive} step${destructive > 1 ? 's' : ''} delete${destructive > 1 ? '' : 's'} data (!).`
    : '';
  const restart = c.restart ? `, ${c.restart} to restart` : '';
  const update = c.update ? `, ${c.update} to update in place` : '';
  const stopped = (c.stop ? `, ${c.stop} to stop` : '') + (c.kill ? `, ${c.kill} to kill` : '');
  const runs = c.run ? `, ${c.run} to run` : '';
  return `Plan: ${c.create} to create, ${c.replace} to replace${update}, ${c.start} to start${restart}${stopped}, ${c.remove} to remove${runs}.${loss}${orphans}`;
}

/** One JSON document for scripts: stable keys, no secrets (changes are already redacted). */
export function planToJson(plan: Plan): Record<string, unknown> {
  return {
    project: plan.project,
    changes: hasChanges(plan),
    summary: summarize(plan),
    steps: plan.steps.map((s) => ({
      id: s.id,
      action: s.action,
      resource: s.resource,
      name: s.name,
      engine_name: s.engineName,
      cause: s.cause,
      reason: s.reason,
      changes: s.changes,
      destructive: s.destructive,
      needs: s.needs,
      risks: wantedBy(s)?.risks ?? [],
      ...(s.resource === 'network' && s.action === 'remove' && s.bestEffort !== false && { best_effort: s.bestEffort }),
    })),
    risks: plan.risks ?? [],
    unchanged: plan.unchanged,
    warnings: plan.warnings,
    orphans: plan.orphans.map((o) => ({ name: o.name, engine_name: o.engineName, id: o.id })),
    orphan_volumes: (plan.orphanVolumes ?? []).map((v) => ({ name: v.name, engine_name: v.engineName })),
  };
}
