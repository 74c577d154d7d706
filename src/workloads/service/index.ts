import type { KindDefinition } from '../kind.js';
import schema from './schema.json' with { type: 'json' };

/** Any image, as written: the escape hatch, and what a workload without `kind:` is. */
export const service: KindDefinition<never> = {
  name: 'service',
  schema,
  expand: (_name, raw) => ({ service: raw }),
};
