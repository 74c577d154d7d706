import { describe, expect, it } from 'vitest';
import { graphNodes, toDot, toMermaid, type GraphNode } from '../../../src/cli/graph-view.js';
import type { BotFacts } from '../../../src/workloads/bot/expand.js';
import { workload } from '../../support/fixtures.js';
import type { Edge } from '../../../src/graph/graph.js';

const nodes: GraphNode[] = [
  { name: 'daily-sales', kind: 'query' },
  { name: 'nightly', kind: 'bot', schedule: '0 6 * * *' },
  { name: 'warehouse', kind: 'database' },
  { name: 'web', kind: 'service' },
];
const edges: Edge[] = [
  { from: 'web', to: 'warehouse', condition: 'healthy' },
  { from: 'nightly', to: 'warehouse', condition: 'healthy' },
  { from: 'web', to: 'daily-sales', condition: 'completed' },
];

describe('pond graph rendering', () => {
  it('DOT: every workload with its kind (a schedule too), an arrow from each dependency labelled with the condition', () => {
    expect(toDot('shop', nodes, edges)).toBe(`digraph "shop" {
  rankdir=LR;
  node [shape=box];
  "daily-sales" [label="daily-sales\\nquery"];
  "nightly" [label="nightly\\nbot (0 6 * * *)"];
  "warehouse" [label="warehouse\\ndatabase"];
  "web" [label="web\\nservice"];
  "daily-sales" -> "web" [label="completed"];
  "warehouse" -> "nightly" [label="healthy"];
  "warehouse" -> "web" [label="healthy"];
}`);
  });

  it('Mermaid: the same graph, with position ids so that names like daily-sales are safe', () => {
    expect(toMermaid(nodes, edges)).toBe(`flowchart LR
  w0["daily-sales<br/>query"]
  w1["nightly<br/>bot (0 6 * * *)"]
  w2["warehouse<br/>database"]
  w3["web<br/>service"]
  w0 -->|completed| w3
  w2 -->|healthy| w1
  w2 -->|healthy| w3`);
  });

  it('is the same text whatever order the edges come in', () => {
    expect(toMermaid(nodes, [...edges].reverse())).toBe(toMermaid(nodes, edges));
    expect(toDot('shop', nodes, [...edges].reverse())).toBe(toDot('shop', nodes, edges));
  });
});

describe('graphNodes', () => {
  it('lists every workload by name, a scheduled bot with its schedule', () => {
    const bot = workload('nightly', { kind: 'bot', bot: { schedule: '0 6 * * *' } as BotFacts });
    expect(graphNodes([workload('web'), bot, workload('daily', { kind: 'query' })])).toEqual([
      { name: 'daily', kind: 'query' },
      { name: 'nightly', kind: 'bot', schedule: '0 6 * * *' },
      { name: 'web', kind: 'service' },
    ]);
  });
});
