import type { KindDefinition } from '../kind.js';
import { redactTree } from '../../secrets.js';
import { BOT_CONFIG_ENV, expandBot, type BotFacts } from './expand.js';
import schema from './schema.json' with { type: 'json' };

declare module '../../model/types.js' {
  interface KindFacts {
    /** What plan, up, ps, runs and the scheduler know about a bot: runtime, code, schedule, history. */
    bot: BotFacts;
  }
}

export const bot: KindDefinition<BotFacts> = {
  name: 'bot',
  singleCopy: {
    why: 'a bot is one run at a time (its schedule or its long-running process)',
    hint: 'drop replicas:, or declare another bot',
  },
  schema,
  expand: expandBot,
  secrets: (facts) => facts.secrets,
  lifecycle: () => ({ settles: true }),
  needs: (facts) =>
    facts.results
      ? [
          {
            key: 'results',
            capability: 'copyOut',
            code: 'backend-copy-out',
            what: 'results: needs',
            words: 'copying a file out of a finished run',
            hint: 'drop results:, or use the docker backend',
          },
        ]
      : [],
  display: (facts, digest) => ({ hiddenEnv: [BOT_CONFIG_ENV], keys: { config: redactTree(facts.config, digest) } }),
  transient: (facts) =>
    facts.schedule
      ? { what: 'a scheduled bot', hint: 'drop its schedule: to make it long-running, or use network: default' }
      : undefined,
};
