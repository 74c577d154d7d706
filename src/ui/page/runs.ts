import type { UiWorkload } from '../types.js';
import { getText } from './api.js';
import { h } from './dom.js';
import { durationText, exitText, timeText } from './format.js';

/** One viewer for a run's logs or results, kept across redraws of the panel (a state event must not wipe it). */
const viewer = h('pre', { class: 'viewer', tabindex: 0, 'data-testid': 'run-viewer', hidden: true });
let viewerOwner = '';

async function view(bot: string, path: string): Promise<void> {
  viewerOwner = bot;
  viewer.hidden = false;
  viewer.textContent = 'loading…';
  try {
    viewer.textContent = await getText(path);
  } catch (err) {
    viewer.textContent = `could not load: ${(err as Error).message}`;
  }
}

/** A bot's schedule (the next fire times) and its last runs with their logs and results. */
export function botSection(w: UiWorkload): HTMLElement | undefined {
  if (w.kind !== 'bot') return undefined;
  if (viewerOwner !== w.name) {
    viewer.hidden = true;
    viewer.textContent = '';
  }
  const base = `/api/runs/${encodeURIComponent(w.name)}/`;
  const rows = (w.runs ?? []).map((r) => {
    const run = `${base}${encodeURIComponent(r.id)}`;
    return h(
      'tr',
      {},
      h('td', {}, timeText(r.startedAt)),
      h('td', {}, durationText(r.durationMs)),
      h('td', {}, r.exitCode === undefined ? 'running' : exitText(r.exitCode)),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-key': `logs-${r.id}`,
            onclick: () => void view(w.name, `${run}/logs`),
          },
          'logs',
        ),
        r.hasResults
          ? h(
              'button',
              {
                type: 'button',
                class: 'link',
                'data-key': `results-${r.id}`,
                onclick: () => void view(w.name, `${run}/results`),
              },
              'results',
            )
          : '',
      ),
    );
  });
  return h(
    'section',
    {},
    w.schedule
      ? h(
          'div',
          {},
          h('h3', {}, 'Schedule'),
          h('p', {}, h('code', {}, w.schedule.cron), ' next: ', w.schedule.next.map(timeText).join(', ') || '—'),
        )
      : undefined,
    h('h3', {}, 'Runs'),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No runs yet.')
      : h(
          'table',
          { class: 'grid' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, 'Started'), h('th', {}, 'Duration'), h('th', {}, 'Exit'), h('th', {}, '')),
          ),
          h('tbody', {}, ...rows),
        ),
    viewer,
  );
}

/** A query's last output: where it went, and its first rows as a table. */
export function querySection(w: UiWorkload): HTMLElement | undefined {
  if (w.kind !== 'query' || !w.query) return undefined;
  const q = w.query;
  const meta = [
    q.output ? `output ${q.output}` : '',
    q.ranAt ? `ran ${timeText(q.ranAt)}` : '',
    q.inputHash ? `inputs ${q.inputHash.slice(0, 12)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'section',
    {},
    h('h3', {}, 'Last output'),
    meta ? h('p', { class: 'muted' }, meta) : undefined,
    q.columns.length === 0
      ? h('p', { class: 'muted' }, 'No output yet.')
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'grid', 'data-testid': 'query-table' },
            h('thead', {}, h('tr', {}, ...q.columns.map((c) => h('th', {}, c)))),
            h('tbody', {}, ...q.rows.map((r) => h('tr', {}, ...r.map((v) => h('td', {}, cell(v)))))),
          ),
        ),
  );
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
