import type { UiOutcome, UiWorkload } from '../types.js';

/** One button of the workload panel: its label and the endpoint it POSTs to. */
export interface Action {
  key: string;
  label: string;
  path: string;
}

/** The verbs a workload offers, in the panel's order; bots add "run now", queries "re-run". */
export function actionsFor(w: Pick<UiWorkload, 'name' | 'kind'>): Action[] {
  const n = encodeURIComponent(w.name);
  const list: Action[] = [];
  if (w.kind === 'bot') list.push({ key: 'run', label: 'Run now', path: `/api/bots/${n}/run` });
  if (w.kind === 'query') list.push({ key: 'run', label: 'Re-run', path: `/api/queries/${n}/run` });
  for (const verb of ['restart', 'stop', 'start'])
    list.push({ key: verb, label: verb[0]!.toUpperCase() + verb.slice(1), path: `/api/workloads/${n}/${verb}` });
  return list;
}

/** An outcome as one line: the message, and the exit code when there is one. */
export function outcomeText(label: string, o: UiOutcome): string {
  const code = o.exitCode === undefined ? '' : ` (exit ${o.exitCode})`;
  return `${label}: ${o.ok ? 'ok' : 'failed'}: ${o.message}${code}`;
}
