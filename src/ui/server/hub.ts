import type { UiState, UiStats } from '../types.js';
import type { SseClient } from './sse.js';

export interface HubDeps {
  /** One observe of the project, built into a UiState. */
  read: () => Promise<UiState>;
  /** The engine's event stream for the project (absent: state is sent at connect only). */
  events?: (signal: AbortSignal) => AsyncIterable<unknown>;
  /** One resource sample of every running workload. */
  stats: () => Promise<UiStats>;
  /** A burst of events within this window costs one observe. */
  coalesceMs?: number;
  statsMs?: number;
  /** How long to wait before following the event stream again after it ended or failed. */
  retryMs?: number;
  onError?: (e: unknown) => void;
}

/**
 * What every page on `/api/events` shares: ONE engine event stream per server, each burst of events
 * answered by one observe sent to every client, and stats sampled every 2 s only while a client is
 * connected. A state is read for a new client unless the last one is still current (no event since).
 */
export class StateHub {
  private readonly clients = new Set<SseClient>();
  private readonly stop = new AbortController();
  private latest?: UiState;
  private dirty = true;
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;
  private again = false;
  private statsTimer?: NodeJS.Timeout;
  private sampling = false;

  constructor(private readonly deps: HubDeps) {}

  /** Starts following the engine's events (once per server). */
  start(): void {
    if (this.deps.events) void this.follow();
  }

  /** Adds a client: it gets the current state now (read first if stale) and every change after. */
  add(client: SseClient): void {
    this.clients.add(client);
    client.closed.addEventListener('abort', () => this.remove(client));
    if (!this.dirty && this.latest) client.send('state', this.latest);
    else this.changed();
    if (this.statsTimer) return;
    this.statsTimer = setInterval(() => void this.sample(), this.deps.statsMs ?? 2000);
    void this.sample();
  }

  /** Sends an event to every client (watch mode's `plan`). */
  broadcast(event: string, data: unknown): void {
    for (const c of this.clients) c.send(event, data);
  }

  /** Something changed: one coalesced re-read, sent to every client (nothing is read while none listens). */
  changed(): void {
    this.dirty = true;
    if (!this.clients.size || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.deps.coalesceMs ?? 100);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  close(): void {
    this.stop.abort();
    clearTimeout(this.timer);
    clearInterval(this.statsTimer);
    for (const c of [...this.clients]) this.remove(c);
  }

  private remove(client: SseClient): void {
    this.clients.delete(client);
    if (this.clients.size) return;
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
  }

  private refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.dirty = false;
    this.reading = this.deps
      .read()
      .then(
        (state) => {
          this.latest = state;
          this.broadcast('state', state);
        },
        (e: unknown) => {
          this.dirty = true;
          this.deps.onError?.(e);
        },
      )
      .finally(() => {
        this.reading = undefined;
        if (this.again) {
          this.again = false;
          this.changed();
        }
      });
    return this.reading;
  }

  private async sample(): Promise<void> {
    if (this.sampling || !this.clients.size) return;
    this.sampling = true;
    try {
      this.broadcast('stats', await this.deps.stats());
    } catch (e) {
      this.deps.onError?.(e);
    } finally {
      this.sampling = false;
    }
  }

  private async follow(): Promise<void> {
    const signal = this.stop.signal;
    while (!signal.aborted) {
      try {
        for await (const _ of this.deps.events!(signal)) this.changed();
      } catch (e) {
        if (!signal.aborted) this.deps.onError?.(e);
      }
      if (signal.aborted) return;
      this.changed();
      await new Promise((r) => setTimeout(r, this.deps.retryMs ?? 1000).unref());
    }
  }
}
