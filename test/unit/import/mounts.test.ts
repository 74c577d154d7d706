import { describe, expect, it } from 'vitest';
import { importYaml, workloadOf } from './helpers.js';

describe('pond import: volumes, tmpfs, secrets and health', () => {
  it('named and relative bind mounts carry over, ro kept', () => {
    const result = importYaml(
      'services:\n  web:\n    image: a:1\n    volumes: ["data:/var/lib/data", "./src:/app:ro"]\nvolumes:\n  data:\n',
    );
    expect((result.data.workloads as never as Record<string, { volumes: unknown }>).web!.volumes).toEqual([
      'data:/var/lib/data',
      './src:/app:ro',
    ]);
    expect(result.data.volumes).toEqual({ data: {} });
  });

  it('an absolute bind gets unsafe: [outside-project] with a note, never silently', () => {
    const { workload, notes } = workloadOf('image: a:1\nvolumes: ["/etc/app:/etc/app"]');
    expect(workload.unsafe).toEqual(['outside-project']);
    expect(notes.join('\n')).toContain('/etc/app is (or may be) outside the project folder');
  });

  it('the Docker socket gets unsafe: [docker-socket] too', () => {
    expect(workloadOf('image: a:1\nvolumes: ["/var/run/docker.sock:/var/run/docker.sock"]').workload.unsafe).toEqual([
      'docker-socket',
      'outside-project',
    ]);
  });

  it('an anonymous volume becomes a declared named volume, with a note', () => {
    const result = importYaml('services:\n  web:\n    image: a:1\n    volumes: ["/code/node_modules"]\n');
    expect((result.data.workloads as never as Record<string, { volumes: unknown }>).web!.volumes).toEqual([
      'web-code-node_modules:/code/node_modules',
    ]);
    expect(result.data.volumes).toEqual({ 'web-code-node_modules': {} });
    expect(result.notes.map((n) => n.text).join('\n')).toContain('anonymous volume /code/node_modules');
  });

  it('mount options other than ro/rw are noted', () => {
    const { workload, notes } = workloadOf('image: a:1\nvolumes: ["./src:/app:ro,z"]');
    expect(workload.volumes).toEqual(['./src:/app:ro']);
    expect(notes.join('\n')).toContain('options z');
  });

  it('service tmpfs with a size becomes a tmpfs mount', () => {
    expect(workloadOf('image: a:1\ntmpfs: ["/run:size=64m", /tmp]').workload.volumes).toEqual([
      { type: 'tmpfs', target: '/run', tmpfs: { size: '64m' } },
      { type: 'tmpfs', target: '/tmp' },
    ]);
  });

  it('a long-form tmpfs keeps its size', () => {
    expect(
      workloadOf('image: a:1\nvolumes: [{ type: tmpfs, target: /cache, tmpfs: { size: 1048576 } }]').workload.volumes,
    ).toEqual([{ type: 'tmpfs', target: '/cache', tmpfs: { size: 1048576 } }]);
  });

  it('a file secret is the file mounted read-only at /run/secrets/NAME', () => {
    const result = importYaml(
      'services:\n  web:\n    image: a:1\n    secrets: [pw]\nsecrets:\n  pw: { file: ./pw.txt }\n',
    );
    expect((result.data.workloads as never as Record<string, { volumes: unknown }>).web!.volumes).toEqual([
      { type: 'bind', source: './pw.txt', target: '/run/secrets/pw', read_only: true },
    ]);
  });

  it('an environment secret cannot become a mount and is noted', () => {
    const result = importYaml(
      'services:\n  web:\n    image: a:1\n    secrets: [pw]\nsecrets:\n  pw: { environment: PW }\n',
    );
    expect(result.notes.map((n) => n.text).join('\n')).toContain('could not carry over secrets.pw');
  });

  it('healthcheck CMD becomes exec as a list, with the timings', () => {
    expect(
      workloadOf(
        'image: a:1\nhealthcheck: { test: [CMD, pg_isready, -q], interval: 10s, timeout: 5s, retries: 5, start_period: 30s }',
      ).workload.health,
    ).toEqual({ exec: ['pg_isready', '-q'], interval: '10s', timeout: '5s', retries: 5, start_period: '30s' });
  });

  it('healthcheck CMD-SHELL and a plain string become a shell exec string', () => {
    expect(
      workloadOf('image: a:1\nhealthcheck: { test: [CMD-SHELL, "curl -f localhost || exit 1"] }').workload.health,
    ).toEqual({ exec: 'curl -f localhost || exit 1' });
    expect(workloadOf('image: a:1\nhealthcheck: { test: "true" }').workload.health).toEqual({ exec: 'true' });
  });

  it('healthcheck NONE and disable: true become disable: true', () => {
    expect(workloadOf('image: a:1\nhealthcheck: { test: [NONE] }').workload.health).toEqual({ disable: true });
    expect(workloadOf('image: a:1\nhealthcheck: { disable: true }').workload.health).toEqual({ disable: true });
  });

  it('a duration pond cannot read is noted, not written', () => {
    const { workload, notes } = workloadOf('image: a:1\nhealthcheck: { test: [CMD, x], interval: 500us }');
    expect(workload.health).toEqual({ exec: ['x'] });
    expect(notes.join('\n')).toContain('could not carry over healthcheck.interval');
  });
});

describe('pond import: the project', () => {
  it('service names become lowercase pond names, and references follow', () => {
    const result = importYaml('services:\n  DB: { image: a:1 }\n  web: { image: a:1, depends_on: [DB] }\n');
    expect(Object.keys(result.data.workloads as object)).toEqual(['db', 'web']);
    expect((result.data.workloads as never as Record<string, { depends_on: unknown }>).web!.depends_on).toEqual(['db']);
  });

  it('variables without a default are listed once for the project', () => {
    const result = importYaml(
      'services:\n  web: { image: "a:${TAG}", environment: [X=$HOME, "Y=${Z:-1}", "P=$$LIT"] }\n',
    );
    expect(result.notes.find((n) => n.workload === undefined)?.text).toContain('set HOME, TAG');
  });

  it('top-level networks and x- keys are noted', () => {
    const notes = importYaml('x-common: &c { image: a:1 }\nservices:\n  web: *c\nnetworks: { front: {} }\n').notes.map(
      (n) => n.text,
    );
    expect(notes.some((n) => n.startsWith('could not carry over networks'))).toBe(true);
    expect(notes.some((n) => n.startsWith('could not carry over x-common'))).toBe(true);
  });

  it('a postgres image stays a plain service, not a database preset', () => {
    expect(workloadOf('image: postgres:15', 'db').workload.kind).toBeUndefined();
  });
});
