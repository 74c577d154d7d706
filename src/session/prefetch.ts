import type { Engine, ObservedState } from '../engine/types.js';

/**
 * The engine with one `observe(project)` already in flight: the snapshot is asked for together with
 * the ping instead of one round trip after it (a no-op `up` or `plan` waits on the engine once). The
 * first `observe` of that project takes the early answer; every later one asks again, so a snapshot
 * is never served twice. The early call's failure is left to the caller that takes it.
 */
export function withEarlyObserve(engine: Engine, project: string): Engine {
  let early: Promise<ObservedState> | undefined = engine.observe(project);
  early.catch(() => undefined);
  return {
    ...engine,
    observe: (name) => {
      const taken = name === project ? early : undefined;
      early = undefined;
      return taken ?? engine.observe(name);
    },
  };
}
