import type { UiState, UiWorkload } from '../types.js';
import { s } from './dom.js';
import { stateText, toneOf } from './format.js';
import { layout, NODE_H, NODE_W, type Placed } from './layout.js';

/** The dependency graph as SVG; redrawn only when its shape changes, otherwise updated in place. */
export class GraphView {
  private shape = '';
  private readonly nodes = new Map<string, SVGElement>();

  constructor(private readonly host: HTMLElement, private readonly onOpen: (name: string) => void) {}

  render(state: UiState, selected: string | undefined): void {
    const shape = JSON.stringify([state.workloads.map((w) => w.name), state.edges]);
    if (shape !== this.shape) this.draw(state, shape);
    for (const w of state.workloads) this.update(w, w.name === selected);
  }

  private draw(state: UiState, shape: string): void {
    const focused = (document.activeElement as Element | null)?.getAttribute('data-name');
    this.shape = shape;
    this.nodes.clear();
    const geo = layout(state.workloads.map((w) => w.name), state.edges);
    const at = new Map(geo.nodes.map((n) => [n.name, n]));
    const svg = s('svg', { viewBox: `0 0 ${geo.width} ${geo.height}`, width: geo.width, height: geo.height, role: 'group', 'aria-label': 'dependency graph' });
    svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0 0L10 5L0 10z', class: 'arrowhead' }))));
    const incoming = new Map<string, number>();
    for (const e of state.edges) {
      const from = at.get(e.from);
      const to = at.get(e.to);
      if (!from || !to) continue;
      const nth = incoming.get(e.from) ?? 0;
      incoming.set(e.from, nth + 1);
      svg.append(edge(to, from, e.condition, nth));
    }
    const byName = new Map(state.workloads.map((w) => [w.name, w]));
    for (const n of geo.nodes) {
      const w = byName.get(n.name);
      if (!w) continue;
      const g = node(n, w, () => this.onOpen(n.name));
      this.nodes.set(n.name, g);
      svg.append(g);
    }
    this.host.replaceChildren(svg);
    if (focused) (this.nodes.get(focused) as unknown as HTMLElement | undefined)?.focus();
  }

  private update(w: UiWorkload, selected: boolean): void {
    const g = this.nodes.get(w.name);
    if (!g) return;
    const text = stateText(w);
    g.setAttribute('class', `node tone-${toneOf(w)}${selected ? ' selected' : ''}`);
    g.setAttribute('aria-label', `${w.name}, ${w.kind}, ${text}`);
    const label = g.querySelector('.state');
    if (label && label.textContent !== text) label.textContent = text;
  }
}

/**
 * dependency → dependent: the arrow is the start order, its label what the dependent waits for,
 * written just before the dependent (the nth edge into it one line lower) so fanned-out edges do not share a spot.
 */
function edge(dep: Placed, dependent: Placed, condition: string, nth: number): SVGElement {
  const x1 = dep.x + NODE_W;
  const y1 = dep.y + NODE_H / 2;
  const x2 = dependent.x;
  const y2 = dependent.y + NODE_H / 2;
  const forward = x2 > x1;
  const mx = (x1 + x2) / 2;
  const d = forward ? `M${x1} ${y1}C${mx} ${y1} ${mx} ${y2} ${x2} ${y2}` : `M${dep.x + NODE_W / 2} ${dep.y + NODE_H}L${x2 + NODE_W / 2} ${dependent.y}`;
  const lx = forward ? x2 - 6 : x2 + NODE_W / 2 + 6;
  const ly = forward ? dependent.y + 12 + nth * 13 : dependent.y - 6;
  return s('g', { class: 'edge', 'data-from': dependent.name, 'data-to': dep.name },
    s('path', { d, 'marker-end': 'url(#arrow)' }),
    s('text', { x: lx, y: ly, 'text-anchor': forward ? 'end' : 'start', class: 'edge-label' }, condition));
}

function node(n: Placed, w: UiWorkload, open: () => void): SVGElement {
  const name = w.name.length > 20 ? `${w.name.slice(0, 19)}…` : w.name;
  return s('g', {
    class: 'node', tabindex: 0, role: 'button', 'data-name': w.name, transform: `translate(${n.x} ${n.y})`,
    onclick: open,
    onkeydown: (e) => {
      const key = (e as KeyboardEvent).key;
      if (key !== 'Enter' && key !== ' ') return;
      e.preventDefault();
      open();
    },
  },
  s('title', {}, `${w.name} (${w.kind})`),
  s('rect', { width: NODE_W, height: NODE_H, rx: 8 }),
  s('text', { x: 12, y: 21, class: 'name' }, name),
  s('text', { x: 12, y: 40, class: 'state' }, stateText(w)),
  s('text', { x: NODE_W - 10, y: 21, 'text-anchor': 'end', class: 'kind' }, w.kind));
}
