import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from './load.js';
import { run } from './proc.js';
import { writeReadmeSection } from './readme.js';
import { hostInfo } from './report.js';
import { leftovers, readyNodes, removeVolumes, tasks, updateState, versions } from './swarm-api.js';
import { POND_PREFIX, STACK_PREFIX, swarmCleanup } from './swarm-cleanup.js';
import { WORKLOADS } from './swarm-files.js';
import { allReady, attempts } from './swarm-ready.js';
import { pondSide, stackSide, SWARM_ENV, SWARM_OPS, wantAt, type Side, type SwarmOp } from './swarm-sides.js';
import { SwarmResults, swarmTable } from './swarm-table.js';
import { timed } from './timing.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const USAGE = 'usage: node dist/bench/swarm.js [--repeat 3] [--record]';

function changed(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((w) => before[w] !== after[w]);
}

/** The state the docker CLI's engine sees after an operation, checked outside the timing. */
async function verify(side: Side, op: SwarmOp, rev: number): Promise<void> {
  if (op === 'down') return;
  const now = await tasks(side.scope);
  if (!allReady(now, wantAt(rev)))
    throw new Error(`${side.name} ${op}: returned, but the swarm has not converged (${now.length} tasks)`);
}

/** Seconds from t0 until the Swarm calls web's update completed (after its 5 s monitor window). */
async function rolled(side: Side, t0: number): Promise<string> {
  const deadline = Date.now() + 60_000;
  while ((await updateState(side.scope, 'web')) !== 'completed' && Date.now() < deadline)
    await new Promise((res) => setTimeout(res, 100));
  return ((performance.now() - t0) / 1000).toFixed(2);
}

/** Seconds from t0 until no container of the side is left on any node (the workers remove them after the tool). */
async function drained(side: Side, t0: number): Promise<string> {
  const deadline = Date.now() + 60_000;
  const containers = async (): Promise<number> =>
    (await leftovers(side.scope, side.volumePrefix)).filter((x) => x.startsWith('container')).length;
  while ((await containers()) > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
  return ((performance.now() - t0) / 1000).toFixed(2);
}

/** One op timed, then checked: converged, and which services' Version it bumped. */
async function step(side: Side, op: SwarmOp, r: SwarmResults): Promise<void> {
  const rev = op === 'change' ? 1 : 0;
  const before = await versions(side.scope);
  const t0 = performance.now();
  const s = await timed(() => side.run(op, rev));
  if (op === 'change' && side.name === 'stack')
    r.note('stack', 'change until UpdateStatus completed, s', await rolled(side, t0));
  if (op === 'down') r.note(side.name, 'down until no container on any node, s', await drained(side, t0));
  log(`${side.name} ${op}: ${s.toFixed(2)} s`);
  await verify(side, op, rev).catch((err: Error) => {
    throw new Error(`${err.message} after ${s.toFixed(2)} s (not counted)`);
  });
  r.add(op, side.name, s);
  const after = await versions(side.scope);
  if (op === 'cold') r.note(side.name, 'seed attempts', attempts(await tasks(side.scope), 'seed'));
  if (op === 'noop') r.note(side.name, 'services bumped by no-op', changed(before, after).join(' ') || 'none');
  if (op === 'change') r.note(side.name, 'services bumped by change', changed(before, after).join(' ') || 'none');
}

/** The swarm's account of a failed op, read before the cleanup removes it: every task and its error. */
async function diagnose(side: Side): Promise<string> {
  const format = '{{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}} {{.Error}}';
  const names = WORKLOADS.map((w) => `${side.scope.prefix}${w}`);
  const ps = await run('docker', ['service', 'ps', '--no-trunc', '--format', format, ...names], SWARM_ENV).catch(
    (e: Error) => e.message,
  );
  const web = await updateState(side.scope, 'web');
  const said = side.output.trim().split('\n').slice(-8).join(' / ');
  return `web UpdateStatus ${web || '-'}; tasks: ${ps.trim().split('\n').join(' | ')}; ${side.name} printed: ${said || '-'}`;
}

/** One cold → no-op → change → down cycle of one side, each op timed, the state checked between. */
async function cycle(side: Side, r: SwarmResults): Promise<void> {
  r.note(side.name, 'ready nodes at start of cycle', await readyNodes());
  for (const op of SWARM_OPS) {
    try {
      await step(side, op, r);
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n');
      const why = first.filter((l) => /FAILED|error:|has not converged/.test(l)).join(' / ') || first[0];
      r.problem(`${side.name} ${op} (${side.scope.value}) failed: ${why}; ${await diagnose(side)}`);
      log(`${side.name} ${op} FAILED: ${why}`);
      break;
    }
  }
  await side.purge().catch((e: Error) => r.problem(`${side.name} teardown failed: ${e.message.split('\n')[0]}`));
  const settled = Date.now() + 30_000;
  let left = await leftovers(side.scope, side.volumePrefix);
  while (left.some((x) => !x.startsWith('volume')) && Date.now() < settled) {
    await new Promise((res) => setTimeout(res, 250));
    left = await leftovers(side.scope, side.volumePrefix);
  }
  r.note(side.name, 'left 30 s after teardown', left.join(', ') || 'nothing');
  if (side.name === 'pond' && left.length) r.problem(`after pond down --volumes --yes: ${left.join(', ')}`);
  await removeVolumes(side.volumePrefix);
}

async function statusTime(): Promise<number> {
  return timed(() => run('bash', [path.join(ROOT, 'scripts', 'swarm.sh'), 'status']).then(() => undefined));
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) throw new Error(USAGE);
  const at = argv.indexOf('--repeat');
  const repeat = at >= 0 ? Number(argv[at + 1]) : 3;
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(USAGE);
  const record = argv.includes('--record');
  const docker = (await run('docker', ['version', '-f', '{{.Server.Version}}'], SWARM_ENV)).trim();
  const interrupted = (): void => void swarmCleanup(ROOT).finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const stale = await swarmCleanup(ROOT);
  if (stale.length) log(`removed before starting: ${stale.join(', ')}`);
  const r = new SwarmResults();
  const tag = Date.now().toString(36).slice(-4);
  const started = new Date();
  r.load.before = loadavg();
  try {
    for (let i = 0; i < repeat; i++) {
      const sides = [await pondSide(ROOT, `${POND_PREFIX}${tag}-${i}`), await stackSide(`${STACK_PREFIX}${tag}${i}`)];
      for (const side of i % 2 ? sides.reverse() : sides) {
        await cycle(side, r);
        await side.remove();
      }
    }
    r.statusSeconds = await statusTime();
  } finally {
    await swarmCleanup(ROOT);
  }
  r.load.after = loadavg();
  const host = hostInfo(docker, 'not measured');
  const md = swarmTable(r, host, repeat, started);
  process.stdout.write(`${md}\n`);
  if (!record) return r.problems.length ? 1 : 0;
  const dir = path.join(ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${started.toISOString().slice(0, 10)}-${host.kind}-swarm.json`);
  await writeFile(
    file,
    `${JSON.stringify({ started, host, repeat, ...r.json(), markdown: md.split('\n') }, null, 2)}\n`,
  );
  await writeReadmeSection(path.join(ROOT, 'bench', 'README.md'), md, 'swarm');
  log(`wrote ${path.relative(ROOT, file)}, bench/README.md`);
  return r.problems.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(3);
  },
);
