import type { KindDefinition } from '../kind.js';
import { expandBot, type BotFacts } from './expand.js';
import schema from './schema.json' with { type: 'json' };

declare module '../../model/types.js' {
  interface KindFacts {
    /** What plan, up, ps, runs and the scheduler know about a bot: runtime, code, schedule, history. */
    bot: BotFacts;
  }
}

export const bot: KindDefinition<BotFacts> = {
  name: 'bot',
  schema,
  expand: expandBot,
  secrets: (facts) => facts.secrets,
  transient: (facts) => (facts.schedule ? { what: 'a scheduled bot', hint: 'drop its schedule: to make it long-running, or use network: default' } : undefined),
};
