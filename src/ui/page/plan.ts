import type { UiState } from '../types.js';
import { outcomeText } from './actions.js';
import { post } from './api.js';
import { byId, h } from './dom.js';

type Plan = UiState['plan'];

const MARK: Record<NonNullable<Plan>['steps'][number]['status'], string> = {
  pending: '○',
  running: '◐',
  done: '●',
  failed: '✕',
  'waiting-confirm': '⏸',
};

/** Watch mode: the pending plan, each step's progress, and the confirm a destructive step waits for. */
export class PlanView {
  private readonly root = byId('plan');
  private readonly list = byId('plan-steps');
  private readonly confirm = byId<HTMLButtonElement>('plan-confirm');
  private readonly outcome = byId('plan-outcome');

  constructor() {
    this.confirm.addEventListener('click', async () => {
      this.confirm.disabled = true;
      const o = await post('/api/plan/apply', { confirm: true });
      this.outcome.className = `outcome ${o.ok ? 'tone-ok' : 'tone-bad'}`;
      this.outcome.textContent = outcomeText('Apply', o);
    });
  }

  render(watch: boolean, plan: Plan): void {
    this.root.hidden = !watch;
    if (!watch) return;
    const steps = plan?.steps ?? [];
    if (steps.length === 0) {
      this.list.replaceChildren(h('li', { class: 'muted' }, 'Nothing to do: the engine matches pond.yaml.'));
    } else {
      this.list.replaceChildren(
        ...steps.map((st) =>
          h(
            'li',
            { class: `step ${st.status}`, 'data-step': st.id },
            h('span', { class: 'mark', 'aria-hidden': 'true' }, MARK[st.status] ?? '?'),
            ' ',
            h('strong', {}, `${st.action} ${st.name}`),
            ` — ${st.cause} `,
            st.destructive ? h('span', { class: 'tag tone-bad' }, 'destructive') : '',
            ' ',
            h('span', { class: 'status' }, st.status),
          ),
        ),
      );
    }
    const waiting = steps.some((st) => st.status === 'waiting-confirm');
    this.confirm.hidden = !waiting;
    if (waiting) this.confirm.disabled = false;
  }
}
