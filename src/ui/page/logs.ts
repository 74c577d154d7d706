import type { UiLogLine } from '../types.js';
import { byId, h } from './dom.js';
import { hueOf } from './format.js';

/** Lines kept in the page; older ones drop off the top. */
export const MAX_LINES = 2000;

/** Whether a line matches the search box: a case-insensitive substring of its text or its workload. */
export function matches(line: UiLogLine, query: string): boolean {
  if (query === '') return true;
  const q = query.toLowerCase();
  return line.text.toLowerCase().includes(q) || line.workload.toLowerCase().includes(q);
}

/**
 * The log view: one workload or all interleaved, searchable, following the tail on request. Its lines
 * come on the page's one event stream; choosing another workload asks for that stream to be reopened.
 */
export class LogView {
  private readonly lines: { line: UiLogLine; el: HTMLElement }[] = [];
  private pending: UiLogLine[] = [];
  private frame = 0;
  private readonly select = byId<HTMLSelectElement>('log-workload');
  private readonly search = byId<HTMLInputElement>('log-search');
  private readonly follow = byId<HTMLInputElement>('log-follow');
  private readonly box = byId('log-lines');
  private readonly count = byId('log-count');

  /** `select` reopens the page's stream for a workload ('' for all); its lines come back through add(). */
  constructor(private readonly choose: (workload: string) => void) {
    this.select.addEventListener('change', () => this.show(this.select.value));
    this.search.addEventListener('input', () => this.refilter());
    this.follow.addEventListener('change', () => this.scroll());
  }

  /** The workload list of the selector, keeping the current choice while it exists (else back to all workloads). */
  setWorkloads(names: string[]): void {
    const have = [...this.select.options].slice(1).map((o) => o.value);
    if (JSON.stringify(have) === JSON.stringify(names)) return;
    const value = this.select.value;
    this.select.replaceChildren(
      h('option', { value: '' }, 'all workloads'),
      ...names.map((n) => h('option', { value: n }, n)),
    );
    if (value === '' || names.includes(value)) this.select.value = value;
    else this.show('');
  }

  /** Shows one workload's logs ('' for every workload, interleaved): the view starts empty and the stream is reopened. */
  show(workload: string): void {
    this.select.value = workload;
    this.clear();
    this.box.classList.toggle('single', workload !== '');
    this.choose(workload);
  }

  /** A line of the chosen workload(s), drawn on the next frame with the others that came meanwhile. */
  add(line: UiLogLine): void {
    this.pending.push(line);
    this.frame ||= requestAnimationFrame(() => this.flush());
  }

  /** Empties the view: a reconnected stream sends its tail again. */
  clear(): void {
    this.lines.length = 0;
    this.pending = [];
    this.box.replaceChildren();
    this.updateCount();
  }

  private flush(): void {
    this.frame = 0;
    const query = this.search.value;
    const batch = document.createDocumentFragment();
    for (const line of this.pending) {
      const el = render(line);
      el.hidden = !matches(line, query);
      this.lines.push({ line, el });
      batch.append(el);
    }
    this.pending = [];
    this.box.append(batch);
    const extra = this.lines.length - MAX_LINES;
    if (extra > 0) for (const old of this.lines.splice(0, extra)) old.el.remove();
    this.updateCount();
    this.scroll();
  }

  private refilter(): void {
    const query = this.search.value;
    for (const { line, el } of this.lines) el.hidden = !matches(line, query);
    this.updateCount();
    this.scroll();
  }

  private updateCount(): void {
    const shown = this.lines.filter((l) => !l.el.hidden).length;
    this.count.textContent = this.search.value
      ? `${shown} of ${this.lines.length} lines match`
      : `${this.lines.length} lines`;
  }

  private scroll(): void {
    if (this.follow.checked) this.box.scrollTop = this.box.scrollHeight;
  }
}

function render(line: UiLogLine): HTMLElement {
  return h(
    'div',
    { class: `line ${line.stream}` },
    h('span', { class: 'wl', style: `--hue:${hueOf(line.workload)}` }, line.workload),
    h('span', { class: 'text' }, line.text),
  );
}
