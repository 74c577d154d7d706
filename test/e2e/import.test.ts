import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pond, projectDir, ROOT } from './helpers/pond.js';

/*
 * Real Compose files from github.com/docker/awesome-compose (CC0 1.0), copied into
 * test/e2e/testdata/import/<name>/compose.yaml; each file's header names its path and commit.
 */
const SAMPLES = path.join(ROOT, 'test/e2e/testdata/import');
const samples = fs
  .readdirSync(SAMPLES)
  .filter((d) => fs.existsSync(path.join(SAMPLES, d, 'compose.yaml')))
  .sort();
/** pihole-cloudflared-DoH reads these from the shell, as its README says; pond refuses unset ones. */
const PIHOLE_ENV = {
  TIMEZONE: 'UTC',
  PIHOLE_PW: 'x',
  PIHOLE_ROUTER_IP: '192.0.2.1',
  PIHOLE_NETWORK_DOMAIN: 'lan',
  PIHOLE_REVERSE_DNS: '192.0.2.0/24',
  PIHOLE_HOST_IP: '192.0.2.2',
  PIHOLE_HOST_IPV6: '::1',
};
const projects: string[] = [];
afterAll(async () => {
  for (const p of projects) await cleanupProject(p);
});

function project(): string {
  const name = uniqueProject('pond-e2e-compose');
  projects.push(name);
  return name;
}

async function sampleDir(name: string, edit: (text: string) => string = (t) => t): Promise<string> {
  return projectDir({ 'compose.yaml': edit(fs.readFileSync(path.join(SAMPLES, name, 'compose.yaml'), 'utf8')) });
}

async function imageExists(image: string): Promise<boolean> {
  return docker('image', 'inspect', image).then(
    () => true,
    () => false,
  );
}

it('has at least five real Compose samples', () => {
  expect(samples.length).toBeGreaterThanOrEqual(5);
});

describe.each(samples)('awesome-compose %s', (name) => {
  it('imports, validates and plans every service, pulling nothing', async () => {
    const dir = await sampleDir(name);
    const imported = await pond(['import'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    const compose = parse(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8')) as {
      services: Record<string, { image?: string }>;
    };
    const written = parse(fs.readFileSync(path.join(dir, 'pond.yaml'), 'utf8')) as {
      workloads: Record<string, { image: string }>;
    };
    expect(Object.keys(written.workloads).sort()).toEqual(Object.keys(compose.services).sort());
    const env = name.startsWith('pihole') ? PIHOLE_ENV : {};
    const valid = await pond(['validate'], { cwd: dir, env });
    expect(valid.code, valid.stderr).toBe(0);
    const absent = Object.values(written.workloads)
      .map((w) => w.image)
      .filter((i) => !i.startsWith('postgres:15') && !i.startsWith('mysql:8.0'));
    const plan = await pond(['-p', project(), 'plan'], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    for (const w of Object.keys(written.workloads)) expect(plan.stdout).toMatch(new RegExp(`\\+ container ${w}\\s`));
    for (const image of new Set(absent)) expect(await imageExists(image), `${image} was pulled`).toBe(false);
  });
});

describe('pond import', () => {
  it('lists on stderr every note it wrote as a comment', async () => {
    const dir = await sampleDir('react-express-mysql');
    const imported = await pond(['import'], { cwd: dir });
    const comments = fs
      .readFileSync(path.join(dir, 'pond.yaml'), 'utf8')
      .split('\n')
      .filter((l) => l.trim().startsWith('# pond import:'))
      .map((l) => l.trim().slice('# pond import: '.length));
    const listed = imported.stderr
      .split('\n')
      .filter((l) => /^ {2}\S+: /.test(l))
      .map((l) => l.replace(/^ {2}\S+: /, ''));
    expect(comments.length).toBeGreaterThan(5);
    expect(listed.sort()).toEqual(comments.sort());
  });

  it('refuses to overwrite an existing pond.yaml without --force (exit 3, file unchanged)', async () => {
    const dir = await sampleDir('gitea-postgres');
    fs.writeFileSync(path.join(dir, 'pond.yaml'), 'mine\n');
    const again = await pond(['import'], { cwd: dir });
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('--force');
    expect(fs.readFileSync(path.join(dir, 'pond.yaml'), 'utf8')).toBe('mine\n');
  });

  it('overwrites with --force', async () => {
    const dir = await sampleDir('gitea-postgres');
    fs.writeFileSync(path.join(dir, 'pond.yaml'), 'mine\n');
    expect((await pond(['import', '--force'], { cwd: dir })).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'pond.yaml'), 'utf8')).toContain('workloads:');
  });

  it('-o - prints pond.yaml on stdout and writes no file', async () => {
    const dir = await sampleDir('gitea-postgres');
    const printed = await pond(['import', 'compose.yaml', '-o', '-'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(parse(printed.stdout)).toMatchObject({ version: 1, workloads: { db: { image: 'postgres:alpine' } } });
    expect(fs.existsSync(path.join(dir, 'pond.yaml'))).toBe(false);
  });

  it('-o FILE writes there', async () => {
    const dir = await sampleDir('gitea-postgres');
    expect((await pond(['import', '-o', 'other.yaml'], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'other.yaml'))).toBe(true);
  });

  it('a Compose file that is not YAML is exit 3 at its line and column, and nothing is written', async () => {
    const dir = await projectDir({ 'compose.yaml': 'services:\n  web:\n    image: [a\n' });
    const bad = await pond(['import'], { cwd: dir });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/compose\.yaml:\d+:\d+: not valid YAML/);
    expect(fs.existsSync(path.join(dir, 'pond.yaml'))).toBe(false);
  });

  it('with no Compose file in the folder is exit 3 naming the files it looked for', async () => {
    const dir = await projectDir({ 'README.md': 'empty\n' });
    const none = await pond(['import'], { cwd: dir });
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml');
  });
});

describe('a Compose file given to pond with -f', () => {
  it('is exit 3 with one error that suggests pond import', async () => {
    const dir = await sampleDir('wordpress-mysql');
    const run = await pond(['-f', 'compose.yaml', 'validate'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('error[compose-file]');
    expect(run.stderr).toContain('pond import compose.yaml');
    expect(run.stderr).not.toContain('unknown-key');
  });
});

describe('an imported sample comes up on the local images', () => {
  // nginx-golang-postgres, with the db's `image: postgres` (postgres:latest, not on this machine and
  // never pulled) changed to the local postgres:15; backend (built) and proxy (nginx) are not local,
  // so only db is brought up.
  it('db runs as the Compose user, with its secret file mounted read-only and its database created', async () => {
    const dir = await sampleDir('nginx-golang-postgres', (t) =>
      t.replace(/^ {4}image: postgres$/m, '    image: postgres:15'),
    );
    fs.mkdirSync(path.join(dir, 'db'));
    fs.writeFileSync(path.join(dir, 'db/password.txt'), 'test-local-only');
    expect((await pond(['import'], { cwd: dir })).code).toBe(0);
    const name = project();
    const up = await pond(['-p', name, 'up', 'db'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const db = (await containers(name)).db!;
    expect(await docker('inspect', '-f', '{{.Config.User}}', db.id)).toBe('postgres');
    expect(await docker('exec', db.id, 'cat', '/run/secrets/db-password')).toBe('test-local-only');
    expect(
      await docker(
        'inspect',
        '-f',
        '{{range .Mounts}}{{if eq .Destination "/run/secrets/db-password"}}{{.RW}}{{end}}{{end}}',
        db.id,
      ),
    ).toBe('false');
    // pg_isready over the socket already passes on the entrypoint's init-time server, before POSTGRES_DB exists.
    await eventually(
      async () =>
        expect(await docker('exec', db.id, 'psql', '-d', 'example', '-tAc', 'select current_database()')).toBe(
          'example',
        ),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await eventually(
      async () => expect(await docker('inspect', '-f', '{{.State.Health.Status}}', db.id)).toBe('healthy'),
      { timeoutMs: 40_000, intervalMs: 500 },
    );
    const down = await pond(['-p', name, 'down', '--volumes', '--yes'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(await docker('ps', '-aq', '--filter', `label=dev.pond.project=${name}`)).toBe('');
  }, 90_000);
});

describe('a folder with a Compose file and no pond.yaml', () => {
  it('is exit 3 with a hint to pond import, and nothing is written', async () => {
    const dir = await projectDir({ 'docker-compose.yml': 'services:\n  web:\n    image: busybox:1.35\n' });
    const r = await pond(['plan'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('there is a Compose file (docker-compose.yml)');
    expect(r.stderr).toContain('pond import docker-compose.yml');
    expect(fs.existsSync(`${dir}/pond.yaml`)).toBe(false);
  });
});
