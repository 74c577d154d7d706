import type { Step } from './types.js';

const VERB: Record<Step['action'], string> = {
  create: 'create',
  replace: 'replace',
  update: 'update',
  start: 'start',
  restart: 'restart',
  stop: 'stop',
  kill: 'kill',
  remove: 'remove',
  run: 'run',
};

/** "create db", "remove network app_default": how progress and watch mode name a step. */
export function stepTitle(s: Step): string {
  return `${VERB[s.action]} ${s.resource === 'container' ? '' : s.resource + ' '}${s.name}`;
}
