import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, eventually, waitForImage } from '../integration/helpers/docker.js';
import { ROOT, containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const exec = promisify(execFile);

const s = scenario('observe');
const stoppedScenario = scenario('observe-stopped', { folder: 'observe/stopped' });
const { project } = s;
const stopped = stoppedScenario.project;

interface StatsRow {
  workload: string;
  state: string;
  memory_bytes: number | null;
  memory_limit_bytes: number | null;
  pids: number | null;
}

beforeAll(async () => {
  await waitForImage('busybox:1.35');
  const [up, upStopped] = await Promise.all([s.pond(['up']), stoppedScenario.pond(['up'])]);
  expect(up.code, up.stderr).toBe(0);
  expect(upStopped.code, upStopped.stderr).toBe(0);
  await eventually(async () => expect((await containers(project)).seed?.state).toBe('exited'), { timeoutMs: 30_000 });
  await eventually(async () => expect((await containers(stopped)).once?.state).toBe('exited'), { timeoutMs: 30_000 });
});

const run = (args: string[]) => s.pond(args);

describe('pond stats', () => {
  it('--no-stream --format json: a positive memory figure for each running workload asked for, and only those', async () => {
    const r = await run(['stats', '--no-stream', '--format', 'json', 'idle', 'web']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).workloads as StatsRow[];
    expect(rows.map((w) => w.workload)).toEqual(['idle', 'web']);
    for (const row of rows) expect(row.memory_bytes).toBeGreaterThan(0);
    expect(rows.find((w) => w.workload === 'web')!.pids).toBeGreaterThan(0);
  });

  it('reports the memory limit the engine holds for the container', async () => {
    const r = await run(['stats', '--no-stream', '--format', 'json', 'web']);
    const limit = Number(await docker('inspect', '-f', '{{.HostConfig.Memory}}', `${project}-web`));
    expect(limit).toBe(64 * 1024 * 1024);
    expect((JSON.parse(r.stdout).workloads as StatsRow[])[0]!.memory_limit_bytes).toBe(limit);
  });

  it('shows a stopped workload with "-" in every figure (null in JSON)', async () => {
    const text = await run(['stats', '--no-stream', 'seed']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[1]!.trim().split(/\s+/)).toEqual(['seed', '-', '-', '-', '-', '-', '-']);
    const json = JSON.parse((await run(['stats', '--no-stream', '--format', 'json', 'seed'])).stdout)
      .workloads as StatsRow[];
    expect(json[0]).toMatchObject({ workload: 'seed', state: 'exited', memory_bytes: null });
  });

  it('without a TTY, streams one table per sample until SIGINT, then exits 0', async () => {
    const child = s.start(['stats', 'idle']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(() => expect(out.match(/^WORKLOAD /gm)?.length ?? 0).toBeGreaterThanOrEqual(3), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).not.toContain('\x1b[');
  });

  it('on a TTY, redraws the table in place (clear screen, cursor home) once per sample', async () => {
    const cmd = `timeout -s INT 4 ${process.execPath} ${path.join(ROOT, 'bin/pond')} stats idle`;
    // timeout exits 124 after the signal, and script passes that on: the screen is what counts here.
    const stdout = await exec('script', ['-qec', cmd, '/dev/null'], {
      cwd: s.dir,
      env: { ...process.env, ...s.env },
    }).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    const frames = stdout.split('\x1b[2J\x1b[H').slice(1);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    for (const frame of frames)
      expect(
        frame
          .trim()
          .split(/\r?\n/)
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual(['WORKLOAD', 'idle']);
  });

  it('an unknown workload is exit 3 with a hint naming the workloads that exist', async () => {
    const r = await run(['stats', '--no-stream', 'nope']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no container for workload "nope"');
    expect(r.stderr).toContain('hint: workloads with a container: idle, seed, web');
  });
});

describe('pond top', () => {
  it("lists the container's processes: the ones docker top lists, the sleep among them", async () => {
    const r = await run(['top', 'idle', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const processes = JSON.parse(r.stdout).processes as Record<string, string>[];
    expect(processes.some((p) => p.CMD === 'sleep 3600')).toBe(true);
    const seen = (await docker('top', `${project}-idle`, '-o', 'pid'))
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
    expect(processes.map((p) => p.PID).sort()).toEqual(seen.sort());
  });

  it('a workload that is not running is exit 3', async () => {
    const r = await run(['top', 'seed']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('workload "seed" is not running');
  });
});

describe('pond port', () => {
  it('prints the host address:port docker port reports', async () => {
    const r = await run(['port', 'web', '8080']);
    expect(r.code, r.stderr).toBe(0);
    const reported = (await docker('port', `${project}-web`, '8080/tcp')).split('\n')[0];
    expect(r.stdout.trim()).toBe(reported);
    expect(r.stdout.trim()).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('a port that is not published is exit 3 with a clear line', async () => {
    const [tcp, udp] = await Promise.all([
      run(['port', 'web', '9999']),
      run(['port', 'web', '8080', '--protocol', 'udp']),
    ]);
    expect(tcp.code).toBe(3);
    expect(tcp.stderr).toContain('port 9999/tcp of workload "web" is not published');
    expect(udp.code).toBe(3);
    expect(udp.stderr).toContain('port 8080/udp of workload "web" is not published');
    expect(tcp.stdout).toBe('');
  });
});

describe('pond images', () => {
  it('lists the image id docker inspect reports for each container', async () => {
    const r = await run(['images', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).images as { workload: string; repository: string; tag: string; id: string }[];
    expect(rows.map((i) => i.workload)).toEqual(['idle', 'seed', 'web']);
    for (const row of rows)
      expect(row.id).toBe(await docker('inspect', '-f', '{{.Image}}', `${project}-${row.workload}`));
    expect(rows[0]).toMatchObject({ repository: 'busybox', tag: '1.35' });
    const table = await run(['images']);
    expect(table.stdout).toContain(rows[0]!.id.replace('sha256:', '').slice(0, 12));
  });
});

describe('pond ls', () => {
  const counts = async (p: string): Promise<Record<string, number>> => {
    const states = (await docker('ps', '-a', '--filter', `label=dev.pond.project=${p}`, '--format', '{{.State}}'))
      .split('\n')
      .filter(Boolean);
    return states.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  };

  it('lists the project with the folder and the container counts the docker CLI shows', async () => {
    const r = await run(['ls', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const mine = (
      JSON.parse(r.stdout).projects as {
        name: string;
        dirs: string[];
        status: string;
        states: Record<string, number>;
      }[]
    ).find((p) => p.name === project);
    const label = await docker('inspect', '-f', '{{index .Config.Labels "dev.pond.project-dir"}}', `${project}-web`);
    expect(mine?.dirs).toEqual([label]);
    expect(mine?.states).toEqual(await counts(project));
    expect(mine?.status).toBe('running(2), exited(1)');
  });

  it('leaves out a project with no running container unless --all', async () => {
    const [plain, all] = await Promise.all([run(['ls', '-q']), run(['ls', '-q', '--all'])]);
    expect(plain.stdout.split('\n')).toContain(project);
    expect(plain.stdout.split('\n')).not.toContain(stopped);
    expect(all.stdout.split('\n')).toContain(stopped);
  });
});
