import type { RawWorkload } from '../../model/raw.js';
import { canonicalJson } from '../../canonical.js';
import { secretValuesIn } from '../../secrets.js';
import type { KindContext } from '../context.js';
import { readCode, type BotCode } from './code.js';
import { BOT_PATHS, RUNTIMES, type Runtime } from './runtimes.js';
import { scheduleProblem } from './schedule.js';
import { BOT_RESOURCES, withResourceDefaults } from '../resources.js';

export type Concurrency = 'forbid' | 'allow' | 'replace';

/** What the rest of pond (plan, up, ps, runs, the scheduler) learns about a bot workload. */
export interface BotFacts {
  runtime: Runtime['name'];
  code: BotCode;
  /** The entry file, relative to the code folder. */
  entrypoint: string;
  /** Absent: a long-running bot. Present: a validated cron expression; every run is its own container. */
  schedule?: string;
  concurrency: Concurrency;
  /** How many finished runs to keep under .pond/runs/<bot>/. */
  history: number;
  /** Absolute path in the container of the file copied out after each run. */
  results?: string;
  /** `pond up` runs a scheduled bot once when its code or config changed since its last run. */
  runOnUp: boolean;
  /** `config:` as written: shown (redacted) in plans and `pond config` instead of the POND_CONFIG text. */
  config: unknown;
  /** Values under secret-looking keys of `config:` (nested too): hidden in every output, given to the bot as they are. */
  secrets: string[];
}

export interface BotExpansion {
  /** The same workload written as a service: what the rest of the pipeline sees. */
  service: RawWorkload;
  facts: BotFacts;
  /** Named volumes this workload needs declared. */
  volumes?: string[];
  /** The code folder or .zip: watch mode replaces the bot when it changes. */
  sources: string[];
}

/** The env var a bot's `config:` reaches it in (as JSON); plans show `config:` itself instead. */
export const BOT_CONFIG_ENV = 'POND_CONFIG';

const BOT_KEYS = [
  'runtime',
  'code',
  'entrypoint',
  'config',
  'schedule',
  'concurrency',
  'results',
  'history',
  'run_on_up',
];
export const DEFAULT_HISTORY = 20;

/**
 * `kind: bot` → a service, as pure data over the files it reads: the runtime's official image, the
 * code mounted read-only at /app, `config:` as POND_CONFIG (and /pond/config.json, written at start),
 * a writable working directory, and POND_CODE_HASH so an edit to the code changes the spec and the
 * planner replaces the bot. Long-running bots restart on failure (the engine's own backoff); a
 * scheduled bot's runs never restart. What the user sets wins.
 */
export function expandBot(name: string, raw: RawWorkload, ctx: KindContext): BotExpansion | undefined {
  const runtime = RUNTIMES[raw.runtime as Runtime['name']];
  const entrypoint = (raw.entrypoint as string | undefined) ?? runtime.defaultEntrypoint;
  const schedule = raw.schedule as string | undefined;
  const scheduleError = schedule === undefined ? undefined : scheduleProblem(schedule);
  if (scheduleError) {
    ctx.report.error(
      [...ctx.at, 'schedule'],
      'cron',
      `schedule "${schedule}" ${scheduleError}`,
      'five fields "min hour day month weekday" such as "*/5 * * * *", or six with seconds first',
    );
  }
  const code = readCode(name, raw.code as string, entrypoint, ctx);
  if (!code || scheduleError) return undefined;
  const config = canonicalJson(raw.config ?? {});
  const botEnv = { ...runtime.env, POND_BOT: name, [BOT_CONFIG_ENV]: config, POND_CODE_HASH: code.hash.slice(0, 16) };
  const service: RawWorkload = {
    ...withoutBotKeys(raw),
    kind: 'service',
    image: raw.image ?? runtime.image,
    entrypoint: ['sh', '-c', startScript(runtime, entrypoint, raw.working_dir === undefined)],
    env: Array.isArray(raw.env)
      ? [...Object.entries(botEnv).map(([k, v]) => `${k}=${v}`), ...raw.env]
      : { ...botEnv, ...raw.env },
    volumes: [{ type: 'bind', source: code.mount, target: BOT_PATHS.code, read_only: true }, ...(raw.volumes ?? [])],
    restart: raw.restart ?? (schedule ? 'no' : 'on-failure'),
    resources: withResourceDefaults(raw, BOT_RESOURCES),
  };
  const results = raw.results as string | undefined;
  const facts: BotFacts = {
    runtime: runtime.name,
    code,
    entrypoint,
    ...(schedule && { schedule }),
    concurrency: (raw.concurrency as Concurrency | undefined) ?? 'forbid',
    history: (raw.history as number | undefined) ?? DEFAULT_HISTORY,
    ...(results && { results: results.startsWith('/') ? results : `${BOT_PATHS.work}/${results}` }),
    runOnUp: (raw.run_on_up as boolean | undefined) ?? true,
    config: raw.config ?? {},
    secrets: secretValuesIn(raw.config ?? {}),
  };
  return { service, facts, sources: [code.source] };
}

function withoutBotKeys(raw: RawWorkload): RawWorkload {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !BOT_KEYS.includes(k))) as RawWorkload;
}

/**
 * The container's command: write the config file, enter the writable working directory (unless
 * `working_dir:` names another, which the engine enters), then exec the interpreter (so it is PID 1's
 * only child under init and gets the stop signal). The entry file name is limited by the schema to
 * characters that need no quoting.
 */
function startScript(runtime: Runtime, entrypoint: string, enterWork: boolean): string {
  const run = [...runtime.interpreter, `${BOT_PATHS.code}/${entrypoint}`].join(' ');
  return `${enterWork ? BOT_SETUP : WRITE_CONFIG} && exec ${run}`;
}

const WRITE_CONFIG = `mkdir -p ${BOT_PATHS.work} && printf '%s' "$POND_CONFIG" > ${BOT_PATHS.config}`;
/** What every bot container does before its code runs: config.json written, the working dir entered. */
export const BOT_SETUP = `${WRITE_CONFIG} && cd ${BOT_PATHS.work}`;
