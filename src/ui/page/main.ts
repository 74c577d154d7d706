import { ALL_LOGS, type UiLogLine, type UiState, type UiStats } from '../types.js';
import { probe, streamUrl } from './api.js';
import { StatsHistory } from './chart.js';
import { byId } from './dom.js';
import { GraphView } from './graph.js';
import { LogView } from './logs.js';
import { PanelView } from './panel.js';
import { PlanView } from './plan.js';
import { openStream, type Stream } from './sse.js';

let state: UiState | undefined;
const stats = new StatsHistory();
const logs = new LogView((workload) => connect(workload));
let live: Stream | undefined;
const plan = new PlanView();
const graph = new GraphView(byId('graph'), (name) => openPanel(name));
const panel = new PanelView(byId('panel'), stats, {
  onClose: (name) => {
    render();
    (document.querySelector(`#graph [data-name="${CSS.escape(name)}"]`) as HTMLElement | null)?.focus();
  },
  onLogs: (name) => {
    logs.show(name);
    byId('logs').scrollIntoView({ block: 'nearest' });
    byId('log-search').focus();
  },
});

function openPanel(name: string): void {
  const w = state?.workloads.find((x) => x.name === name);
  if (!w) return;
  panel.open(w);
  render();
}

function render(): void {
  if (!state) return;
  byId('project').textContent = state.project;
  byId('engine').textContent = `engine ${state.engine}${state.watch ? ' · watching' : ''}`;
  byId('graph-empty').hidden = state.workloads.length > 0;
  graph.render(state, panel.selected);
  panel.update(state.workloads);
  logs.setWorkloads(state.workloads.map((w) => w.name));
  plan.render(state.watch, state.plan);
}

const STATUS = {
  live: ['live', 'tone-ok'],
  reconnecting: ['reconnecting…', 'tone-warn'],
  refused: ['the token was refused (a restarted pond ui has a new one): open the URL it printed', 'tone-bad'],
} as const;

function setStatus(status: keyof typeof STATUS): void {
  const el = byId('conn');
  el.textContent = STATUS[status][0];
  el.className = `conn ${STATUS[status][1]}`;
}

async function refused(): Promise<void> {
  if ((await probe()) === 401) setStatus('refused');
}

/**
 * The page's ONE connection for everything live (a browser allows six per origin, shared by every
 * tab): state, stats, plan and the chosen workload's log lines. Another log choice reopens it.
 */
function connect(workload: string): void {
  live?.close();
  live = openStream(streamUrl('/api/events', { logs: workload || ALL_LOGS, tail: '200' }), {
    onStatus: setStatus,
    onRefused: () => void refused(),
    onOpen: (first) => {
      if (!first) logs.clear();
    },
    events: {
      state: (d) => {
        state = d as UiState;
        render();
        if (!performance.getEntriesByName('pond:first-state').length) performance.mark('pond:first-state');
      },
      stats: (d) => {
        stats.add(d as UiStats);
        panel.refreshStats();
      },
      plan: (d) => {
        if (!state) return;
        state = { ...state, plan: d as UiState['plan'] };
        plan.render(state.watch, state.plan);
      },
      line: (d) => logs.add(d as UiLogLine),
    },
  });
}

logs.show('');
