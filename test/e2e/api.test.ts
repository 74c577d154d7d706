import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ApplyError,
  ConfigError,
  InterruptedError,
  LockHeldError,
  Pond,
  UsageError,
  type PondEvent,
} from '../../src/api/index.js';
import { acquireLock, lockDir } from '../../src/lock/lock.js';
import { cleanupProject, docker } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const label = (project: string): string => `label=dev.pond.project=${project}`;
const ids = async (...args: string[]): Promise<string[]> => (await docker(...args)).split('\n').filter(Boolean);

describe('Pond API on the real engine', () => {
  const s = scenario('api');
  const { project } = s;
  let pond: Pond;
  const events: PondEvent[] = [];
  const written: string[] = [];

  beforeAll(async () => {
    pond = await Pond.load({ file: s.at('pond.yaml'), env: s.env });
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (written.push(String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (written.push(String(s)), true));
    try {
      await pond.up({ onEvent: (e) => events.push(e), waitTimeoutMs: 60_000 });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it('up creates the workload container, running and labelled with the project', async () => {
    const names = await docker(
      'ps',
      '--filter',
      label(project),
      '--filter',
      'label=dev.pond.workload=web',
      '--format',
      '{{.Names}} {{.State}}',
    );
    expect(names).toBe(`${project}-web running`);
  });

  it('up writes nothing to stdout or stderr and reports progress as events instead', () => {
    expect(written).toEqual([]);
    expect(events[0]?.type).toBe('plan');
    expect(events.some((e) => e.type === 'step' && e.step.name === 'web' && e.status === 'done')).toBe(true);
  });

  it('info gives the host port docker published and a URL that serves the page', async () => {
    const info = await pond.info();
    const url = info.services.find((s) => s.workload === 'web')?.urls[0];
    const published = (await docker('port', `${project}-web`, '8080/tcp')).split(':').pop();
    expect(url).toBe(`http://127.0.0.1:${published}`);
    expect(await (await fetch(url!)).text()).toBe('hello from the api test\n');
  });

  it('a second up changes nothing: the same container keeps running', async () => {
    const before = await ids('ps', '-q', '--no-trunc', '--filter', label(project));
    const result = await pond.up();
    expect(result.plan.changes).toBe(false);
    expect(await ids('ps', '-q', '--no-trunc', '--filter', label(project))).toEqual(before);
  });

  it('up while another pond holds the project lock throws LockHeldError (exit 5) and creates nothing', async () => {
    const other = `${project}-lock`;
    const locked = await Pond.load({ file: s.at('pond.yaml'), env: s.env, projectName: other });
    const lock = await acquireLock(lockDir({ ...process.env, ...s.env }), other, 'pond up (another process)', 0);
    try {
      const failure = await locked.up().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(LockHeldError);
      expect((failure as LockHeldError).exitCode).toBe(5);
      expect(await ids('ps', '-aq', '--filter', label(other))).toEqual([]);
    } finally {
      await lock.release();
      await cleanupProject(other);
    }
  });

  it('down removes the containers and the network and keeps the named volume', async () => {
    const result = await pond.down();
    expect(await ids('ps', '-aq', '--filter', label(project))).toEqual([]);
    expect(await ids('network', 'ls', '-q', '--filter', label(project))).toEqual([]);
    expect(await ids('volume', 'ls', '-q', '--filter', label(project))).toEqual([`${project}_data`]);
    expect(result.keptVolumes).toEqual([`${project}_data`]);
  });

  it('down with volumes: true deletes the named volume', async () => {
    await pond.down({ volumes: true });
    expect(await ids('volume', 'ls', '-q', '--filter', label(project))).toEqual([]);
  });
});

describe('Pond API failures on the real engine', () => {
  const s = scenario('api-fail', { folder: 'api/never-ready' });
  const { project } = s;

  it('a workload that never gets ready throws ApplyError with exit 124 naming its step', async () => {
    const pond = await Pond.load({ file: s.at('pond.yaml'), env: s.env });
    const failure = await pond.up({ waitTimeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplyError);
    expect((failure as ApplyError).exitCode).toBe(124);
    expect((failure as ApplyError).failures.map((f) => f.step)).toEqual(['container:web']);
  });

  it('aborting the signal once web has started (while up waits for it to be ready) throws InterruptedError (exit 130)', async () => {
    const pond = await Pond.load({ file: s.at('pond.yaml'), env: s.env, projectName: `${project}-abort` });
    const abort = new AbortController();
    const onEvent = (e: PondEvent): void => {
      if (e.type === 'step' && e.step.name === 'web' && e.status === 'reached') abort.abort();
    };
    try {
      const failure = await pond.up({ waitTimeoutMs: 120_000, signal: abort.signal, onEvent }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(InterruptedError);
      expect((failure as InterruptedError).exitCode).toBe(130);
    } finally {
      await cleanupProject(`${project}-abort`);
    }
  });
});

describe('Pond API refusals (no engine touched)', () => {
  const bad = scenario('api-bad', { folder: 'api/bad' });
  const good = scenario('api-opts', { folder: 'api' });
  it('a bad pond.yaml throws ConfigError (exit 3) whose message and diagnostics carry file:line:col', async () => {
    const failure = await Pond.load({ file: bad.at('pond.yaml') }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    const e = failure as ConfigError;
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/pond\.yaml:4:5 error\[unknown-key\]/);
    expect(e.diagnostics[0]?.location).toMatchObject({ file: bad.at('pond.yaml'), line: 4, col: 5 });
  });

  it('an unknown option throws UsageError (exit 3) naming it, before anything is read', async () => {
    const failure = await Pond.load({ file: 'pond.yaml', timeout: 5 } as never).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as UsageError).message).toMatch(/Pond\.load: invalid options: .*"timeout"/);
  });

  it('a wrongly typed option of up throws UsageError naming its path', async () => {
    const pond = await Pond.load({ file: good.at('pond.yaml'), env: good.env });
    const failure = await pond.up({ waitTimeoutMs: '60s' as never }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as UsageError).message).toMatch(/waitTimeoutMs: /);
  });
});
