import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LABEL } from '../labels.js';
import type { TaskSpec, Engine, LogLine, RunHandle } from '../engine/types.js';
import { EngineError, UsageError } from '../errors.js';
import type { Project } from '../pipeline.js';
import { runId } from '../bots/history.js';
import { ownerTag } from '../identity.js';
import { QUERY_PATHS, type QueryFacts, type QueryFormat } from '../workloads/query/expand.js';
import type { AdhocResult } from './result.js';
import { waitJob } from '../apply/job.js';
import { runWarm } from './warm.js';

export interface AdhocOptions {
  sql?: string;
  format?: QueryFormat;
  timeoutMs?: number;
  explain?: boolean;
  /** Run in the workload's warm runner (`warm: true` says so too) instead of a fresh container. */
  warm?: boolean;
  /** Checks to pass before a container is created (the engine can run it): run beside pond's own look-ups, skipped when none is created. */
  beforeCreate?: () => Promise<void>;
  signal?: AbortSignal;
}

export type { AdhocResult } from './result.js';

/**
 * `pond query NAME`: one run of a query workload outside the plan, in a one-off container with the
 * workload's image, mounts, limits and network (none unless the workload says otherwise), labelled with
 * a run id so the planner leaves it alone. Its output goes to a scratch folder in `.pond/` (binary-safe,
 * so Arrow works), is read back, and the container and folder are removed whatever happens.
 */
export async function runAdhoc(
  engine: Engine,
  project: Project,
  name: string,
  opts: AdhocOptions,
): Promise<AdhocResult> {
  const { template, facts } = queryOf(project, name);
  const format = opts.format ?? facts.format;
  const timeoutMs = opts.timeoutMs ?? facts.timeoutMs;
  const run = { sql: opts.sql ?? facts.sql, format, explain: !!opts.explain, timeoutMs };
  if (opts.warm ?? facts.warm) return runWarm(engine, template, `query ${name}`, run, opts);
  const id = runId(new Date(), randomBytes(2).toString('hex'));
  const scratch = path.join(project.spec.dir, '.pond', 'query', id);
  fs.mkdirSync(scratch, { recursive: true });
  fs.chmodSync(scratch, 0o777); // whatever user the query runs as (user:) writes its result here; removed after
  const spec = adhocSpec(template, id, scratch, run);
  let handle: RunHandle | undefined;
  try {
    const [hasImage] = await Promise.all([
      engine.hasImage(spec.image),
      engine.observe(project.spec.name),
      opts.beforeCreate?.(),
    ]);
    if (!hasImage) await engine.pullImage(spec.image);
    handle = await engine.run(spec);
    const code = await waitJob(handle, `query ${name}`, timeoutMs, opts.signal);
    if (code === 0) return { ok: true, bytes: fs.readFileSync(path.join(scratch, 'result')) };
    return { ok: false, code, message: await stderrOf(handle) };
  } finally {
    if (handle) await handle.remove().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function queryOf(project: Project, name: string): { template: TaskSpec; facts: QueryFacts } {
  const facts = project.spec.workloads.find((w) => w.name === name)?.query;
  const template = project.desired.containers.find((c) => c.workload === name)?.spec;
  if (!facts || !template) {
    const queries = project.spec.workloads.filter((w) => w.query).map((w) => w.name);
    throw new UsageError(
      `"${name}" is not a query in project "${project.spec.name}"`,
      queries.length ? `queries here: ${queries.join(', ')}` : 'no workload here is a query (kind: query)',
    );
  }
  return { template, facts };
}

/** The workload's container spec with the scratch folder as /out and the run's SQL and format. */
function adhocSpec(
  template: TaskSpec,
  id: string,
  scratch: string,
  run: { sql: string; format: QueryFormat; explain: boolean; timeoutMs: number },
): TaskSpec {
  const mounts = template.mounts.filter((m) => m.target !== QUERY_PATHS.out);
  return {
    ...template,
    name: `${template.name}-run-${id}`,
    aliases: [],
    restart: 'no',
    env: {
      ...template.env,
      POND_SQL: run.sql,
      POND_FORMAT: run.format,
      POND_OUTPUT: `${QUERY_PATHS.out}/result`,
      POND_TIMEOUT_MS: String(run.timeoutMs),
      ...(run.explain && { POND_EXPLAIN: '1' }),
    },
    mounts: [
      ...mounts,
      { type: 'bind', source: scratch, target: QUERY_PATHS.out, readOnly: false, carry: 'collected' },
    ],
    labels: { ...template.labels, [LABEL.run]: id, [LABEL.owner]: ownerTag() },
  };
}

async function stderrOf(run: RunHandle): Promise<string> {
  const lines: LogLine[] = [];
  try {
    for await (const line of run.logs({ follow: false, timestamps: false })) lines.push(line);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
  }
  const err = lines.filter((l) => l.stream === 'stderr').map((l) => l.text);
  return (err.length ? err : lines.map((l) => l.text)).join('\n').trim() || 'the query failed without a message';
}
