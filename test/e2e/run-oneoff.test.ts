import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually } from '../integration/helpers/docker.js';
import { scenario, type Scenario } from './helpers/scenario.js';

const byLabel = async (project: string, ...labels: string[]): Promise<string[]> =>
  (
    await docker(
      'ps',
      '-aq',
      '--filter',
      `label=dev.pond.project=${project}`,
      ...labels.flatMap((l) => ['--filter', `label=${l}`]),
    )
  )
    .split('\n')
    .filter(Boolean);
const runs = (project: string): Promise<string[]> => byLabel(project, 'dev.pond.run');
const inspect = async (id: string, format: string): Promise<string> => docker('inspect', '-f', format, id);
const exited = (child: ReturnType<Scenario['start']>): Promise<number | null> =>
  new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('pond run of a service', () => {
  const s = scenario('run-oneoff');
  const { project } = s;

  it("exits with the command's exit code, passing the command's own options through, and leaves no container", async () => {
    const r = await s.pond(['run', 'svc', 'sh', '-c', 'echo out-$((6*7)); exit 7']);
    expect(r.code, r.stderr).toBe(7);
    expect(r.stdout.trim()).toBe('out-42');
    expect(await runs(project)).toEqual([]);
  });

  it('brings up what the workload depends on first', async () => {
    expect(await inspect(`${project}-dep`, '{{.State.Running}} {{index .Config.Labels "dev.pond.workload"}}')).toBe(
      'true dep',
    );
    expect(await docker('ps', '-aq', '--filter', `name=^${project}-svc$`)).toBe('');
  });

  it("leaves the workload's standing container as it was (same ID, same StartedAt)", async () => {
    expect((await s.pond(['up', 'svc'])).code).toBe(0);
    const before = await inspect(`${project}-svc`, '{{.Id}} {{.State.StartedAt}} {{.State.Running}}');
    const r = await s.pond(['run', 'svc', 'true']);
    expect(r.code, r.stderr).toBe(0);
    expect(before).toMatch(/ true$/);
    expect(await inspect(`${project}-svc`, '{{.Id}} {{.State.StartedAt}} {{.State.Running}}')).toBe(before);
  });

  it('with --no-rm keeps the exited one-off, under a run name of its own', async () => {
    const r = await s.pond(['run', '--no-rm', 'svc', 'sh', '-c', 'exit 4']);
    expect(r.code, r.stderr).toBe(4);
    const [kept] = await runs(project);
    expect(await inspect(kept!, '{{.Name}} {{.State.Status}} {{.State.ExitCode}}')).toMatch(
      new RegExp(`^/${project}-svc-run-[0-9a-f]{6} exited 4$`),
    );
  });

  it("does not publish the workload's ports (the standing container does)", async () => {
    const [kept] = await runs(project);
    expect(await inspect(`${project}-svc`, '{{json .HostConfig.PortBindings}}')).toContain('8080/tcp');
    expect(await inspect(kept!, '{{json .HostConfig.PortBindings}}')).not.toContain('8080');
  });

  it('a kept one-off is left alone by up and removed by down', async () => {
    const [kept] = await runs(project);
    expect((await s.pond(['up'])).code).toBe(0);
    expect(await runs(project)).toEqual([kept]);
    expect((await s.pond(['down'])).code).toBe(0);
    expect(await runs(project)).toEqual([]);
  });

  it('Ctrl-C stops and removes the one-off and exits 130', async () => {
    const child = s.start(['run', '--no-deps', 'svc', 'sleep', '300']);
    const code = exited(child);
    const [id] = await eventually(
      async () => {
        const ids = await runs(project);
        expect(ids.length).toBe(1);
        expect(await inspect(ids[0]!, '{{.State.Running}}')).toBe('true');
        return ids;
      },
      { timeoutMs: 20_000 },
    );
    child.kill('SIGINT');
    expect(await code).toBe(130);
    expect(await docker('ps', '-aq', '--filter', `id=${id}`)).toBe('');
  });
});

describe('pond run --no-deps', () => {
  const s = scenario('run-oneoff-nodeps', { folder: 'run-oneoff' });
  const { project } = s;

  it('creates none of the dependencies', async () => {
    const r = await s.pond(['run', '--no-deps', 'svc', 'true']);
    expect(r.code, r.stderr).toBe(0);
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
  });
});

describe('pond run usage errors', () => {
  const s = scenario('run-oneoff-usage', { folder: 'run-oneoff' });
  const { project } = s;

  it('an unknown workload, a malformed -e, and --no-rm on a bot exit 3 naming the problem and create nothing', async () => {
    s.use('with-bot');
    const cases: [string[], RegExp][] = [
      [['run', 'nope', 'true'], /no workload "nope".*\n.*workloads here: dep, job, svc/],
      [['run', '-e', 'NOVALUE', 'svc', 'true'], /-e "NOVALUE" is not KEY=VALUE/],
      [['run', '--no-rm', 'job'], /--no-rm does not apply to a bot/],
    ];
    for (const [args, message] of cases) {
      const r = await s.pond(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr).toMatch(message);
    }
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
    expect(await docker('network', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe('');
  });
});

describe('pond run of a database', () => {
  const s = scenario('run-oneoff-db', { folder: 'run-oneoff/database' });
  const { project } = s;
  afterAll(() => cleanupProject(project, { volumes: [`${project}_db-data`] }));

  it('without a command is refused (exit 3, hint pond up db) and creates nothing', async () => {
    const r = await s.pond(['run', 'db']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/pond up db/);
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${project}`)).toBe('');
  });

  it('with a command runs on the project network without the data volume', async () => {
    const r = await s.pond(['run', '--no-rm', 'db', 'true']);
    expect(r.code, r.stderr).toBe(0);
    const [kept] = await runs(project);
    expect(await inspect(kept!, '{{range .Mounts}}{{.Name}} {{end}}')).not.toContain('db-data');
    expect(await inspect(kept!, '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}')).toBe(
      `${project}_default`,
    );
  });
});

describe('pond run of a scheduled bot', () => {
  const running = async (project: string): Promise<string[]> =>
    eventually(
      async () => {
        const ids = await runs(project);
        expect(ids.length).toBe(1);
        expect(await inspect(ids[0]!, '{{.State.Running}}')).toBe('true');
        return ids;
      },
      { timeoutMs: 30_000 },
    );
  /** Starts pond `args` in the background and waits until it holds the one running run of slow; `stop` is Ctrl-C, resolving to its exit code. */
  const holding = async (s: Scenario, args: string[]): Promise<{ id: string; stop: () => Promise<number | null> }> => {
    const child = s.start(args);
    const done = exited(child);
    const [id] = await running(s.project);
    return { id: id!, stop: () => (child.kill('SIGINT'), done) };
  };

  describe('with a command', () => {
    const s = scenario('run-oneoff-cmd', { folder: 'run-oneoff/slow' });
    const { project } = s;

    it("runs it after the bot's setup (its config written, in its working dir) and exits with its code, as a recorded run", async () => {
      const r = await s.pond(['run', 'slow', 'sh', '-c', 'cat /pond/config.json; echo " $(pwd) $POND_BOT"; exit 6']);
      expect(r.code, r.stderr).toBe(6);
      expect(r.stdout.trim()).toBe('{} /pond/work slow');
      expect(JSON.parse((await s.pond(['runs', 'slow', '--format', 'json'])).stdout).runs[0]).toMatchObject({
        trigger: 'manual',
        exit_code: 6,
      });
      expect(await runs(project)).toEqual([]);
    });
  });

  const holders = [
    { name: 'forbid', when: 'another run is in progress (another pond process)', args: ['run', 'slow'] },
    {
      name: 'watch',
      when: 'the scheduled run under watch is in progress',
      args: ['up', '--watch'],
      variant: 'every-second',
    },
  ];
  for (const holder of holders) {
    describe(`under concurrency: forbid, while ${holder.when}`, () => {
      const s = scenario(`run-oneoff-${holder.name}`, { folder: 'run-oneoff/slow' });

      it('is refused, naming the run in progress, and starts no second container', async () => {
        if (holder.variant) s.use(holder.variant);
        const first = await holding(s, holder.args);
        const runId = await inspect(first.id, '{{index .Config.Labels "dev.pond.run"}}');
        const r = await s.pond(['run', 'slow']);
        expect(r.code).toBe(5);
        expect(r.stderr).toContain(`run ${runId} is still going (concurrency: forbid)`);
        expect(await runs(s.project)).toEqual([first.id]);
        expect(await first.stop()).toBe(130);
      });
    });
  }

  describe('under concurrency: replace', () => {
    const s = scenario('run-oneoff-replace', { folder: 'run-oneoff/slow' });
    const { project } = s;

    it('stops the run in progress before it starts', async () => {
      s.use('replace');
      const first = s.start(['run', 'slow']);
      const firstDone = exited(first);
      const [old] = await running(project);
      const second = s.start(['run', 'slow']);
      const secondDone = exited(second);
      await firstDone;
      const [now] = await running(project);
      expect(now).not.toBe(old);
      expect(await docker('ps', '-aq', '--filter', `id=${old}`)).toBe('');
      second.kill('SIGINT');
      expect(await secondDone).toBe(130);
    });
  });
});
