import type { UiState, UiWorkload } from '../types.js';
import { s } from './dom.js';
import { stateText, toneOf } from './format.js';
import { routes, type Route } from './edges.js';
import { layout, NODE_H, NODE_W, type Placed } from './layout.js';

/** The dependency graph as SVG; redrawn only when its shape changes, otherwise updated in place. */
export class GraphView {
  private shape = '';
  private readonly nodes = new Map<string, SVGElement>();

  constructor(
    private readonly host: HTMLElement,
    private readonly onOpen: (name: string) => void,
  ) {}

  render(state: UiState, selected: string | undefined): void {
    const shape = JSON.stringify([state.workloads.map((w) => w.name), state.edges]);
    if (shape !== this.shape) this.draw(state, shape);
    for (const w of state.workloads) this.update(w, w.name === selected);
  }

  private draw(state: UiState, shape: string): void {
    const focused = (document.activeElement as Element | null)?.getAttribute('data-name');
    this.shape = shape;
    this.nodes.clear();
    const geo = layout(
      state.workloads.map((w) => w.name),
      state.edges,
    );
    const drawn = routes(geo, state.edges);
    const svg = s('svg', {
      viewBox: `0 0 ${geo.width} ${drawn.height}`,
      width: geo.width,
      height: drawn.height,
      role: 'group',
      'aria-label': 'dependency graph',
    });
    svg.append(
      s(
        'defs',
        {},
        s(
          'marker',
          {
            id: 'arrow',
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto-start-reverse',
          },
          s('path', { d: 'M0 0L10 5L0 10z', class: 'arrowhead' }),
        ),
      ),
    );
    for (const r of drawn.routes) svg.append(edge(r));
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

/** dependency → dependent: the arrow is the start order, its label what the dependent waits for. */
function edge(r: Route): SVGElement {
  return s(
    'g',
    { class: 'edge', 'data-from': r.from, 'data-to': r.to },
    s('path', { d: r.d, 'marker-end': 'url(#arrow)' }),
    s('text', { x: r.label.x, y: r.label.y, 'text-anchor': r.label.anchor, class: 'edge-label' }, r.condition),
  );
}

function node(n: Placed, w: UiWorkload, open: () => void): SVGElement {
  const name = w.name.length > 20 ? `${w.name.slice(0, 19)}…` : w.name;
  return s(
    'g',
    {
      class: 'node',
      tabindex: 0,
      role: 'button',
      'data-name': w.name,
      transform: `translate(${n.x} ${n.y})`,
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
    s('text', { x: NODE_W - 10, y: 21, 'text-anchor': 'end', class: 'kind' }, w.kind),
  );
}
