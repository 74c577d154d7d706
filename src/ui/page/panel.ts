import type { UiWorkload } from '../types.js';
import { actionsFor, outcomeText } from './actions.js';
import { post } from './api.js';
import { statsChart, type StatsHistory } from './chart.js';
import { byId, h } from './dom.js';
import { bytesText, exitText, stateText, timeText, toneOf } from './format.js';
import { botSection, querySection } from './runs.js';

/** The side panel for one workload: what it is, how it runs, and the buttons that act on it. */
export class PanelView {
  private current: UiWorkload | undefined;
  private readonly body = byId('panel-body');
  private readonly outcome = byId('panel-outcome');
  private readonly chart = h('div', { class: 'chart-host' });

  constructor(
    private readonly root: HTMLElement,
    private readonly stats: StatsHistory,
    private readonly hooks: { onClose(name: string): void; onLogs(name: string): void },
  ) {
    byId('panel-close').addEventListener('click', () => this.close());
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
  }

  get selected(): string | undefined {
    return this.current?.name;
  }

  open(w: UiWorkload): void {
    const switching = this.current?.name !== w.name;
    if (switching) this.outcome.textContent = '';
    this.show(w);
    this.root.hidden = false;
    if (switching) byId('panel-title').focus();
  }

  /** A new state: the open workload redrawn (or closed when it is gone), focus kept on the same control. */
  update(workloads: UiWorkload[]): void {
    if (!this.current) return;
    const next = workloads.find((w) => w.name === this.current?.name);
    if (!next) return this.close();
    const key = (document.activeElement as HTMLElement | null)?.dataset?.key;
    this.show(next);
    if (key) (this.body.querySelector(`[data-key="${key}"]`) as HTMLElement | null)?.focus();
  }

  refreshStats(): void {
    if (this.current) this.chart.replaceChildren(statsChart(this.stats.of(this.current.name)));
  }

  close(): void {
    const name = this.current?.name;
    this.current = undefined;
    this.root.hidden = true;
    if (name) this.hooks.onClose(name);
  }

  private show(w: UiWorkload): void {
    this.current = w;
    byId('panel-title').textContent = w.name;
    this.refreshStats();
    this.body.replaceChildren(
      ...[
        h('p', { class: `badge tone-${toneOf(w)}`, 'data-testid': 'panel-state' }, stateText(w)),
        this.buttons(w),
        details(w),
        connection(w),
        endpoints(w),
        h('h3', {}, 'Resources'),
        h('p', {}, `memory limit ${bytesText(w.resources.memoryBytes)}, cpus ${w.resources.cpus ?? '—'}`),
        this.chart,
        botSection(w),
        querySection(w),
      ].filter((x): x is HTMLElement => x !== undefined),
    );
  }

  private buttons(w: UiWorkload): HTMLElement {
    const row = h('div', { class: 'actions' });
    for (const a of actionsFor(w)) {
      const btn = h('button', { type: 'button', 'data-key': `action-${a.key}` }, a.label);
      btn.addEventListener('click', async () => {
        btn.disabled = true;
        this.outcome.className = 'outcome';
        this.outcome.textContent = `${a.label}: working…`;
        const o = await post(a.path);
        btn.disabled = false;
        this.outcome.className = `outcome ${o.ok ? 'tone-ok' : 'tone-bad'}`;
        this.outcome.textContent = outcomeText(a.label, o);
      });
      row.append(btn);
    }
    const logs = h('button', { type: 'button', 'data-key': 'logs', class: 'secondary' }, 'Logs');
    logs.addEventListener('click', () => this.hooks.onLogs(w.name));
    row.append(logs);
    return row;
  }
}

function details(w: UiWorkload): HTMLElement {
  const rows: [string, string][] = [
    ['Kind', w.kind],
    ['State', w.state],
    ['Health', w.health ?? '—'],
    ['Restarts', String(w.restarts)],
    ['Last exit', exitText(w.exitCode, w.oomKilled)],
    ['Image', w.image],
    ['Started', timeText(w.startedAt)],
  ];
  return h('dl', { class: 'details' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function connection(w: UiWorkload): HTMLElement | undefined {
  if (!w.connection) return undefined;
  const { display, copy } = w.connection;
  const status = h('span', { class: 'muted', role: 'status' });
  const btn = h('button', { type: 'button', 'data-key': 'copy', class: 'secondary' }, 'Copy');
  btn.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(copy);
      status.textContent = copy === display ? 'copied (password not shown here)' : 'copied';
    } catch {
      status.textContent = 'the browser refused the clipboard: select the text instead';
    }
  });
  return h(
    'div',
    {},
    h('h3', {}, 'Connection'),
    h('p', { class: 'conn' }, h('code', { 'data-testid': 'connection' }, display), ' ', btn, ' ', status),
  );
}

function endpoints(w: UiWorkload): HTMLElement | undefined {
  if (w.ports.length === 0 && w.links.length === 0) return undefined;
  const items = [
    ...w.links.map((l) => h('li', {}, h('a', { href: l.url, target: '_blank', rel: 'noopener noreferrer' }, l.label))),
    ...w.ports.map((p) =>
      h(
        'li',
        {},
        p.url
          ? h('a', { href: p.url, target: '_blank', rel: 'noopener noreferrer' }, `127.0.0.1:${p.host}`)
          : `127.0.0.1:${p.host}`,
        ` → ${p.container}`,
      ),
    ),
  ];
  return h('div', {}, h('h3', {}, 'Ports and links'), h('ul', { class: 'plain' }, ...items));
}
