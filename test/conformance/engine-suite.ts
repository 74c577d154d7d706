import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskSpec, Engine, LogLine, ObservedWorkload } from '../../src/engine/types.js';
import { EngineError } from '../../src/errors.js';
import { taskSpec } from '../support/task-spec.js';

/**
 * What one backend needs for the suite: an image, commands with known behaviour on it, a project
 * name of its own, and an independent witness of its state (Docker: the docker CLI), so the suite
 * does not take the engine's own word for everything.
 */
export interface ConformanceFixture {
  project: string;
  image: string;
  /** Runs until stopped; a graceful stop ends it with `stopExitCode`. */
  service: { command: string[]; stopExitCode: number };
  /** Prints `line` on stdout, writes `fileContent` to `filePath`, exits with `exitCode`. */
  job: { command: string[]; exitCode: number; line: string; filePath: string; fileContent: string };
  /** A command whose container is created but cannot start (no such executable). */
  unstartable: string[];
  /** An exec probe that passes in a running `service`. */
  readyCommand: string[];
  witness: {
    /** The id and labels of the container named `name`, as the backend's own tooling shows them; undefined when gone. */
    container(name: string): Promise<{ id: string; labels: Record<string, string> } | undefined>;
    volumeExists(name: string): Promise<boolean>;
  };
  /**
   * A cluster has no "created, not started": its service runs as soon as it exists, and its instances
   * are tasks with ids of their own. Absent: one machine's behaviour (created, one instance = itself).
   */
  startsOnCreate?: boolean;
  /**
   * What a kill ends the workload with. Absent: 128 + SIGKILL (137). A cluster backend that cannot
   * reach a task's process from the manager stops it instead, and says so here.
   */
  killExitCode?: number;
  /** Removes whatever the suite left behind (by the project's label). */
  cleanup(): Promise<void>;
}

const TIMEOUT = 60_000;

/**
 * The behaviour every `Engine` implementation must show, one invariant per test. Tests run in order
 * and share one service container: create → start → probe → stop → kill → remove.
 */
export function describeEngineConformance(
  name: string,
  makeEngine: () => Engine | Promise<Engine>,
  fx: ConformanceFixture,
): void {
  describe(`engine conformance: ${name}`, () => {
    let engine: Engine;
    let serviceId = '';
    const net = `${fx.project}_default`;
    const labels = (workload: string): Record<string, string> => ({
      'dev.pond.project': fx.project,
      'dev.pond.workload': workload,
    });
    const spec = (workload: string, over: Partial<TaskSpec> = {}): TaskSpec =>
      taskSpec(fx.project, workload, { image: fx.image, ...over });
    const observed = async (workload: string): Promise<ObservedWorkload | undefined> =>
      (await engine.observe(fx.project)).workloads.find((c) => c.labels['dev.pond.workload'] === workload);

    beforeAll(async () => {
      engine = await makeEngine();
    });
    afterAll(() => fx.cleanup(), TIMEOUT);

    it('declares every capability as a boolean', () => {
      const keys = [
        'localPorts',
        'bindMounts',
        'readOnlyFiles',
        'copyOut',
        'stats',
        'top',
        'exec',
        'attach',
        'events',
        'nodeLocalVolumes',
        'inPlaceUpdate',
        'networkModes',
        'replicas',
      ];
      expect(
        Object.fromEntries(keys.map((k) => [k, typeof (engine.capabilities as unknown as Record<string, unknown>)[k]])),
      ).toEqual(Object.fromEntries(keys.map((k) => [k, 'boolean'])));
    });

    it('observes an empty project as nothing at all', async () => {
      expect(await engine.observe(fx.project)).toEqual({ workloads: [], volumes: [], networks: [] });
    });

    it(
      'a created network and volume are observed with their labels',
      async () => {
        await engine.createNetwork({ name: net, labels: labels('net') });
        await engine.createVolume({ name: `${fx.project}-data`, labels: labels('data') });
        const state = await engine.observe(fx.project);
        expect(state.networks.map((n) => [n.name, n.labels])).toEqual([[net, labels('net')]]);
        expect(state.volumes.map((v) => [v.name, v.labels])).toEqual([[`${fx.project}-data`, labels('data')]]);
      },
      TIMEOUT,
    );

    it(
      'a volume of the same name with foreign labels is refused and left as it was',
      async () => {
        const foreign = { 'dev.pond.project': `${fx.project}-other` };
        await expect(engine.createVolume({ name: `${fx.project}-data`, labels: foreign })).rejects.toBeInstanceOf(
          EngineError,
        );
        expect((await engine.observe(fx.project)).volumes.map((v) => v.labels)).toEqual([labels('data')]);
      },
      TIMEOUT,
    );

    it(
      'a created container is observed with its labels, a version and one instance',
      async () => {
        serviceId = await engine.createWorkload(spec('svc', { command: fx.service.command }));
        const c = await observed('svc');
        expect(c?.version).toEqual(expect.any(String));
        if (fx.startsOnCreate) {
          expect(c).toMatchObject({ id: serviceId, labels: labels('svc') });
          expect(['created', 'running']).toContain(c?.state);
          expect(c?.instances.length).toBeLessThanOrEqual(1);
        } else {
          expect(c).toMatchObject({ id: serviceId, state: 'created', labels: labels('svc') });
          expect(c?.instances.map((i) => [i.id, i.state])).toEqual([[serviceId, 'created']]);
        }
        expect((await fx.witness.container(spec('svc').name))?.labels).toMatchObject(labels('svc'));
      },
      TIMEOUT,
    );

    it(
      'the observed version changes when the workload is recreated',
      async () => {
        const before = (await observed('svc'))?.version;
        const again = await engine.createWorkload(spec('again', { command: fx.service.command }));
        const other = (await engine.observe(fx.project)).workloads.find((c) => c.id === again);
        await engine.removeWorkload(again);
        expect(other?.version).not.toBe(before);
      },
      TIMEOUT,
    );

    it(
      'a started container runs, with a start time',
      async () => {
        await engine.startWorkload(serviceId);
        const c = await engine.inspectWorkload(serviceId);
        expect(c.state).toBe('running');
        expect(Number.isFinite(Date.parse(c.startedAt ?? ''))).toBe(true);
        expect(c.instances[0]?.startedAt).toBe(c.startedAt);
      },
      TIMEOUT,
    );

    it(
      'an exec readiness probe passes in the running container',
      async () => {
        await engine.waitReady(
          serviceId,
          { probe: { exec: fx.readyCommand }, intervalMs: 100, timeoutMs: 5_000, retries: 3, startPeriodMs: 0 },
          { timeoutMs: 20_000 },
        );
        expect(await engine.probe(serviceId, { exec: fx.readyCommand }, 5_000)).toMatchObject({ ok: true });
      },
      TIMEOUT,
    );

    it(
      'a stopped container is exited with the code its process ended with',
      async () => {
        await engine.stopWorkload(serviceId, 10);
        expect(await engine.inspectWorkload(serviceId)).toMatchObject({
          state: 'exited',
          exitCode: fx.service.stopExitCode,
        });
      },
      TIMEOUT,
    );

    it(
      'a killed container exits with 128 + the signal (or, where declared, as a stop)',
      async () => {
        const code = fx.killExitCode ?? 137;
        await engine.startWorkload(serviceId);
        await engine.waitReady(
          serviceId,
          { probe: { exec: fx.readyCommand }, intervalMs: 100, timeoutMs: 5_000, retries: 3, startPeriodMs: 0 },
          { timeoutMs: 30_000 },
        );
        await engine.killWorkload(serviceId, 'SIGKILL');
        expect(await engine.waitExit(serviceId)).toBe(code);
        expect(await engine.inspectWorkload(serviceId)).toMatchObject({ state: 'exited', exitCode: code });
      },
      TIMEOUT,
    );

    it(
      'a removed container is gone',
      async () => {
        await engine.removeWorkload(serviceId);
        expect(await observed('svc')).toBeUndefined();
        expect(await fx.witness.container(spec('svc').name)).toBeUndefined();
      },
      TIMEOUT,
    );

    describe('the run primitive', () => {
      let run: Awaited<ReturnType<Engine['run']>>;
      const job = (): TaskSpec => spec('job', { command: fx.job.command, aliases: [] });

      it(
        'a run exits with its own exit code',
        async () => {
          run = await engine.run(job());
          expect((await run.wait()).exitCode).toBe(fx.job.exitCode);
        },
        TIMEOUT,
      );

      it(
        'a run is a labelled object of the project',
        async () => {
          expect(await fx.witness.container(job().name)).toMatchObject({ id: run.id, labels: labels('job') });
        },
        TIMEOUT,
      );

      it(
        "a run's logs hold the line it printed",
        async () => {
          const lines: LogLine[] = [];
          for await (const l of run.logs({ follow: false, timestamps: false })) lines.push(l);
          expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toContain(fx.job.line);
        },
        TIMEOUT,
      );

      it(
        'collect returns the file the run wrote, and undefined for a path that does not exist (refused without copyOut)',
        async () => {
          if (!engine.capabilities.copyOut) {
            await expect(run.collect(fx.job.filePath)).rejects.toBeInstanceOf(EngineError);
            return;
          }
          expect((await run.collect(fx.job.filePath))?.toString('utf8')).toBe(fx.job.fileContent);
          expect(await run.collect('/no/such/file')).toBeUndefined();
        },
        TIMEOUT,
      );

      it(
        'a removed run is gone, and removing it again succeeds',
        async () => {
          await run.remove();
          expect(await fx.witness.container(job().name)).toBeUndefined();
          await expect(run.remove()).resolves.toBeUndefined();
        },
        TIMEOUT,
      );

      it(
        'a run that cannot start is removed and the start error is raised',
        async () => {
          await expect(
            engine.run(spec('broken', { command: fx.unstartable, aliases: [], init: false })),
          ).rejects.toBeInstanceOf(EngineError);
          expect(await fx.witness.container(spec('broken').name)).toBeUndefined();
        },
        TIMEOUT,
      );
    });

    it(
      'removed network and volume are gone',
      async () => {
        await engine.removeNetwork(net);
        await engine.removeVolume(`${fx.project}-data`);
        expect(await engine.observe(fx.project)).toEqual({ workloads: [], volumes: [], networks: [] });
        expect(await fx.witness.volumeExists(`${fx.project}-data`)).toBe(false);
      },
      TIMEOUT,
    );
  });
}
