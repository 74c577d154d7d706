import type { KindDefinition } from '../kind.js';
import { expandQuery, outputPathOf, type QueryFacts } from './expand.js';
import schema from './schema.json' with { type: 'json' };

declare module '../../model/types.js' {
  interface KindFacts {
    /** What `pond query`, ps and up's summary know about a query: its SQL, output and content hash. */
    query: QueryFacts;
  }
}

export const query: KindDefinition<QueryFacts> = {
  name: 'query',
  singleCopy: { why: 'a query is a run, started once per `pond up` or `pond query`', hint: 'drop replicas:' },
  schema,
  expand: expandQuery,
  lifecycle: (facts) => ({ job: { timeoutMs: facts.timeoutMs } }),
  needs: (facts) =>
    facts.warm
      ? [
          {
            key: 'warm',
            capability: 'exec',
            code: 'backend-exec',
            what: 'warm: true needs',
            words: 'running a command inside a running workload',
            hint: 'each query runs in a fresh container instead; drop warm: to silence this, or use the docker backend',
            optimisation: true,
          },
        ]
      : [],
  writes: (name, raw) => [outputPathOf(name, raw)],
  transient: () => ({ what: 'a query', hint: 'share the network of a long-running workload, or use network: default' }),
};
