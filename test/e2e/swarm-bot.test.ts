// A scheduled bot on a real 3-node Docker Swarm (scripts/swarm.sh): each run is a replicated job of
// one task, witnessed through the manager's docker CLI while it runs and gone once it ended; its output
// and exit code land in the run history under .pond/runs/, and concurrency holds against the runs the
// swarm shows. The tests run in order on one project; each proves one invariant.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventually } from '../integration/helpers/docker.js';
import { swarmCluster, swarmScenario } from './helpers/swarm.js';
import { swarmSkipReason } from '../support/swarm.js';

const cluster = await swarmCluster();
const T = 180_000;

interface Run {
  id: string;
  trigger: string;
  exit_code?: number;
  started: string;
  finished?: string;
  state: string;
}

interface ServiceSpec {
  Spec: { Labels: Record<string, string>; Mode: Record<string, unknown> };
}

if (!cluster) {
  describe('a scheduled bot on a swarm', () => it.skip(`skipped: ${swarmSkipReason()}`, () => undefined));
} else {
  const s = swarmScenario(cluster, 'swarm-bot');
  const label = `label=dev.pond.project=${s.project}`;
  const runServices = async (): Promise<ServiceSpec[]> => {
    const ids = (await s.manager('service', 'ls', '-q', '--filter', label, '--filter', 'label=dev.pond.run'))
      .split('\n')
      .filter(Boolean);
    return ids.length ? (JSON.parse(await s.manager('service', 'inspect', ...ids)) as ServiceSpec[]) : [];
  };
  /** The one run job the swarm shows, once it shows one (within a minute). */
  const theRunService = async (): Promise<ServiceSpec> =>
    eventually(
      async () => {
        const found = await runServices();
        expect(found).toHaveLength(1);
        return found[0]!;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  const runs = async (): Promise<Run[]> =>
    (JSON.parse((await s.pond(['runs', 'canary', '--format', 'json'])).stdout) as { runs: Run[] }).runs;
  const finished = async (): Promise<Run[]> => (await runs()).filter((r) => r.finished);

  describe('a scheduled bot on a swarm', () => {
    let seenRun = '';

    it(
      "validate refuses a bot's results: on the swarm at its line (exit 3) and creates nothing",
      async () => {
        s.use('results');
        const v = await s.pond(['validate']);
        s.use();
        expect(v.code).toBe(3);
        expect(v.stderr).toMatch(/pond\.yaml:11:\d+ error\[backend-copy-out\]: workload canary: results: needs/);
        expect(await s.manager('service', 'ls', '-q', '--filter', label)).toBe('');
      },
      T,
    );

    it(
      'pond up runs the new scheduled bot once as a labelled one-task job on the swarm',
      async () => {
        const up = s.start(['up']);
        const exited = new Promise<number | null>((resolve) => up.once('exit', resolve));
        const job = await theRunService();
        expect(job.Spec.Labels).toMatchObject({ 'dev.pond.project': s.project, 'dev.pond.workload': 'canary' });
        expect(job.Spec.Mode).toHaveProperty('ReplicatedJob');
        seenRun = job.Spec.Labels['dev.pond.run']!;
        expect(await exited).toBe(0);
      },
      T,
    );

    it(
      "the run's job service is removed once it ended",
      async () => {
        expect(await runServices()).toEqual([]);
        expect(await s.manager('service', 'ls', '-q', '--filter', label)).toBe('');
      },
      T,
    );

    it(
      "the run's output (argv, config env) and its exit code are in the run history",
      async () => {
        const [run, ...more] = await runs();
        expect(more).toEqual([]);
        expect(run).toMatchObject({ id: seenRun, trigger: 'up', exit_code: 0, state: 'exited' });
        const record = JSON.parse(fs.readFileSync(s.at('.pond/runs/canary', seenRun, 'run.json'), 'utf8'));
        expect(record.exit_code).toBe(0);
        const logs = fs.readFileSync(s.at('.pond/runs/canary', seenRun, 'logs.txt'), 'utf8');
        expect(logs).toMatch(/^\S+Z stdout canary-run ETH argv=\["\/app\/main.py"\]$/m);
        expect(logs).toMatch(/^\S+Z stdout env POND_CONFIG=\{"sleep":5,"symbol":"ETH"\}$/m);
        expect(logs).toMatch(/^\S+Z stderr a warning$/m);
        expect(logs).toMatch(/^\S+Z stdout canary-done$/m);
      },
      T,
    );

    it(
      'while a run goes, pond runs shows it running and concurrency: forbid refuses a second one (exit 5)',
      async () => {
        const first = s.start(['run', 'canary']);
        const exited = new Promise<number | null>((resolve) => first.once('exit', resolve));
        const open = await eventually(
          async () => {
            const going = (await runs()).filter((r) => !r.finished);
            expect(going).toHaveLength(1);
            expect(going[0]!.state).toBe('running');
            return going[0]!;
          },
          { timeoutMs: 60_000, intervalMs: 200 },
        );
        const second = await s.pond(['run', 'canary']);
        expect(second.code, second.stderr).toBe(5);
        expect((await runServices()).map((j) => j.Spec.Labels['dev.pond.run'])).toEqual([open.id]);
        expect(await exited).toBe(0);
      },
      T,
    );

    it(
      'pond run makes a second recorded run (history 2), exit code kept, and its job is removed',
      async () => {
        const all = await finished();
        expect(all).toHaveLength(2);
        expect(all.map((r) => [r.trigger, r.exit_code])).toEqual([
          ['manual', 0],
          ['up', 0],
        ]);
        expect(await runServices()).toEqual([]);
      },
      T,
    );

    it(
      "concurrency: replace stops another process's run: its job is removed and its run recorded as ended",
      async () => {
        s.use('replace');
        const first = s.start(['run', 'canary']);
        const firstExited = new Promise<number | null>((resolve) => first.once('exit', resolve));
        const job = await theRunService();
        const replaced = job.Spec.Labels['dev.pond.run']!;
        const second = s.start(['run', 'canary']);
        const secondExited = new Promise<number | null>((resolve) => second.once('exit', resolve));
        expect(await firstExited).not.toBe(0);
        const stillThere = (await runServices()).map((j) => j.Spec.Labels['dev.pond.run']);
        expect(stillThere).not.toContain(replaced);
        const record = (await runs()).find((r) => r.id === replaced);
        expect(record?.finished).toBeDefined();
        expect(record?.exit_code).not.toBe(0);
        expect(await secondExited).toBe(0);
        expect(await runServices()).toEqual([]);
      },
      T,
    );

    it(
      'pond up --watch fires the schedule as jobs on the swarm, and forbid keeps them from overlapping',
      async () => {
        s.use('every-second');
        const before = new Set((await runs()).map((r) => r.id));
        const watcher = s.start(['up', '--watch']);
        const exited = new Promise((resolve) => watcher.once('exit', resolve));
        const jobsSeen = new Set<string>();
        const fired = await eventually(
          async () => {
            for (const j of await runServices()) jobsSeen.add(j.Spec.Labels['dev.pond.run']!);
            const scheduled = (await finished()).filter((r) => r.trigger === 'schedule' && !before.has(r.id));
            expect(scheduled.length).toBeGreaterThanOrEqual(2);
            return scheduled;
          },
          { timeoutMs: 90_000, intervalMs: 200 },
        );
        watcher.kill('SIGINT');
        await exited;
        expect(fired.every((r) => r.exit_code === 0)).toBe(true);
        expect(fired.some((r) => jobsSeen.has(r.id))).toBe(true);
        const byStart = [...fired].sort((a, b) => a.started.localeCompare(b.started));
        for (let i = 1; i < byStart.length; i++) expect(byStart[i]!.started >= byStart[i - 1]!.finished!).toBe(true);
        expect(await runServices()).toEqual([]);
      },
      T,
    );
  });
}
