import type { TaskSpec } from '../engine/types.js';
import { withOverrides, type SpecOverrides } from '../oneoff/spec.js';
import { BOT_SETUP } from '../workloads/bot/expand.js';

/**
 * A manual bot run's spec with `pond run BOT [CMD...]`'s overrides. A bot's code starts from its
 * entrypoint script, which ignores a command: so a CMD runs after the same setup (config.json written,
 * the working dir entered) in place of the bot's code, unless `--entrypoint` replaces the script. Pure.
 */
export function manualSpec(spec: TaskSpec, o: SpecOverrides): TaskSpec {
  if (!o.command || o.entrypoint) return withOverrides(spec, o);
  return withOverrides(spec, { ...o, entrypoint: ['sh', '-c', `${BOT_SETUP} && exec "$@"`, 'sh'] });
}
