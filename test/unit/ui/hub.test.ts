import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StateHub } from '../../../src/ui/server/hub.js';
import type { SseClient } from '../../../src/ui/server/sse.js';
import type { UiState } from '../../../src/ui/types.js';

const state = (n: number): UiState => ({
  project: 'demo',
  engine: 'mem',
  watch: false,
  at: String(n),
  workloads: [],
  edges: [],
});

function client(): SseClient & { events: [string, unknown][]; close(): void } {
  const abort = new AbortController();
  const events: [string, unknown][] = [];
  return { events, closed: abort.signal, send: (e, d) => void events.push([e, d]), close: () => abort.abort() };
}

/** An engine event stream the test pushes into; counts how many were opened. */
function stream() {
  let push: (() => void) | undefined;
  let opened = 0;
  const events = async function* (signal: AbortSignal): AsyncIterable<unknown> {
    opened++;
    while (!signal.aborted) {
      yield await new Promise<void>((resolve) => (push = resolve));
    }
  };
  return { events, fire: () => push?.(), opened: () => opened };
}

describe('ui state hub', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('a burst of engine events costs one observe, sent to every client', async () => {
    let reads = 0;
    const s = stream();
    const hub = new StateHub({ read: async () => state(++reads), events: s.events, stats: async () => ({}) });
    hub.start();
    const [a, b] = [client(), client()];
    hub.add(a);
    hub.add(b);
    await vi.advanceTimersByTimeAsync(150);
    expect(reads).toBe(1);
    for (let i = 0; i < 20; i++) {
      s.fire();
      await vi.advanceTimersByTimeAsync(2);
    }
    await vi.advanceTimersByTimeAsync(150);
    expect(reads).toBe(2);
    expect(a.events.filter(([e]) => e === 'state').map(([, d]) => (d as UiState).at)).toEqual(['1', '2']);
    expect(b.events.filter(([e]) => e === 'state')).toHaveLength(2);
    hub.close();
  });

  it('one engine event stream serves every client', async () => {
    const s = stream();
    const hub = new StateHub({ read: async () => state(1), events: s.events, stats: async () => ({}) });
    hub.start();
    for (let i = 0; i < 5; i++) hub.add(client());
    await vi.advanceTimersByTimeAsync(200);
    expect(s.opened()).toBe(1);
    hub.close();
  });

  it('a client that connects while the state is current gets it without another observe', async () => {
    let reads = 0;
    const hub = new StateHub({ read: async () => state(++reads), stats: async () => ({}) });
    hub.add(client());
    await vi.advanceTimersByTimeAsync(150);
    const late = client();
    hub.add(late);
    await vi.advanceTimersByTimeAsync(150);
    expect(reads).toBe(1);
    expect(late.events[0]).toEqual(['state', state(1)]);
    hub.close();
  });

  it('nothing is observed while no client listens', async () => {
    let reads = 0;
    const s = stream();
    const hub = new StateHub({ read: async () => state(++reads), events: s.events, stats: async () => ({}) });
    hub.start();
    await vi.advanceTimersByTimeAsync(10);
    s.fire();
    await vi.advanceTimersByTimeAsync(500);
    expect(reads).toBe(0);
    hub.close();
  });

  it('stats are sampled every 2 s only while a client is connected', async () => {
    let samples = 0;
    const hub = new StateHub({ read: async () => state(1), stats: async () => (samples++, {}) });
    const c = client();
    hub.add(c);
    await vi.advanceTimersByTimeAsync(4100);
    expect(samples).toBe(3);
    c.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(samples).toBe(3);
    hub.close();
  });
});
