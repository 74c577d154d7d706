import type { Notes } from './notes.js';
import { asString, isDuration, isMap, type Data } from './words.js';

const TIMES = ['interval', 'timeout', 'start_period'] as const;

/**
 * `healthcheck:` → `health:`. `test: [CMD, a, b]` is `exec: [a, b]`; `[CMD-SHELL, "..."]` and a plain
 * string run through the shell, as pond's string `exec` does; `[NONE]` and `disable: true` are
 * `disable: true`.
 */
export function convertHealth(svc: Data, out: Data, notes: Notes): void {
  const raw = svc.healthcheck;
  if (!isMap(raw)) return;
  if (raw.disable === true || (Array.isArray(raw.test) && raw.test[0] === 'NONE')) {
    out.health = { disable: true };
    return;
  }
  const exec = testOf(raw.test);
  if (exec === undefined) {
    notes.skip(
      'healthcheck',
      raw.test === undefined
        ? "it has no test (it tunes the image's own HEALTHCHECK), which pond cannot express"
        : 'its test is neither CMD, CMD-SHELL nor a string',
      'health',
    );
    return;
  }
  const health: Data = { exec };
  for (const key of TIMES) {
    if (raw[key] === undefined) continue;
    if (isDuration(raw[key])) health[key] = raw[key];
    else
      notes.skip(`healthcheck.${key}`, `"${asString(raw[key])}" is not a duration pond reads (ms, s, m, h)`, 'health');
  }
  if (typeof raw.retries === 'number' && raw.retries >= 1) health.retries = raw.retries;
  if (raw.start_interval !== undefined)
    notes.skip('healthcheck.start_interval', 'pond checks at interval from the start', 'health');
  out.health = health;
}

function testOf(test: unknown): string | string[] | undefined {
  if (typeof test === 'string') return test;
  if (!Array.isArray(test) || test.length < 2) return undefined;
  const [form, ...rest] = test.map(asString);
  if (form === 'CMD') return rest;
  if (form === 'CMD-SHELL') return rest.join(' ');
  return undefined;
}
