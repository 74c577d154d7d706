import fs from 'node:fs';
import path from 'node:path';
import { openDuck } from './duck.js';
import type { Format } from './encode.js';
import { execute } from './execute.js';

/** After pond's own deadline: the container ends its query even with pond gone. */
const SELF_DEADLINE_SLACK_MS = 1000;
/** A query that ignores the interrupt is killed outright this much later. */
const KILL_AFTER_MS = 3000;

/** One query from the env, its result written to POND_OUTPUT (a temporary name, then renamed). */
export async function runOnce(env: NodeJS.ProcessEnv): Promise<number> {
  const output = env.POND_OUTPUT ?? '/out/result';
  const ms = Number(env.POND_TIMEOUT_MS);
  const timeoutMs = Number.isFinite(ms) && ms > 0 ? ms + SELF_DEADLINE_SLACK_MS : 0;
  if (fs.existsSync('/work')) process.chdir('/work');
  const { db, build } = await openDuck();
  const conn = await db.connect();
  if (timeoutMs) setTimeout(() => process.kill(process.pid, 'SIGKILL'), timeoutMs + KILL_AFTER_MS).unref();
  const outcome = await execute(
    conn,
    {
      sql: env.POND_SQL ?? '',
      format: (env.POND_FORMAT ?? 'json') as Format,
      explain: env.POND_EXPLAIN === '1',
      timeoutMs,
    },
    build,
    env.POND_EXTENSIONS || undefined,
  );
  if (outcome.code !== 0) {
    process.stderr.write(`${outcome.code === 124 ? 'pond query runner: ' : ''}${outcome.message}\n`);
    return outcome.code;
  }
  const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, outcome.bytes);
  fs.renameSync(tmp, output);
  return 0;
}
