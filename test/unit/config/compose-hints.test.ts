import { describe, expect, it } from 'vitest';
import { knownKeyHint, knownValue } from '../../../src/config/near-misses.js';
import { errorsOf, failures, project } from './helpers.js';

const head = 'version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n';

describe('Compose keys in pond.yaml get the pond spelling', () => {
  it('environment at a workload is named env', async () => {
    expect(await errorsOf(`${head}    environment: { A: "1" }\n`)).toEqual([
      'pond.yaml:5:5 error[unknown-key]: unknown key "environment" in workload "web"\n  hint: write it as "env" (a mapping or a list of NAME=value)',
    ]);
  });

  it('healthcheck, and the misspelt healtcheck, are named health', async () => {
    const [one] = await errorsOf(`${head}    healthcheck: { test: [CMD, "true"] }\n`);
    const [two] = await errorsOf(`${head}    healtcheck: { exec: "true" }\n`);
    expect(one).toContain('hint: write it as "health"');
    expect(two).toContain('hint: write it as "health"');
  });

  it('mem_limit and cpus point at resources', async () => {
    const errors = await errorsOf(`${head}    mem_limit: 512m\n    cpus: 1\n`);
    expect(errors[0]).toContain('hint: write it as "resources: { memory: 512m }"');
    expect(errors[1]).toContain('hint: write it as "resources: { cpus: 1.5 }"');
  });

  it('container_name says pond names containers itself', async () => {
    expect((await errorsOf(`${head}    container_name: web\n`))[0]).toContain('pond names containers itself');
  });

  it('build says pond does not build and wants an image', async () => {
    expect((await errorsOf(`${head}    build: .\n`))[0]).toContain('pond does not build images');
  });

  it('networks, expose, links, volumes_from and profiles each get a hint instead of the allowed keys', async () => {
    const errors = await errorsOf(
      `${head}    networks: [a]\n    expose: [80]\n    links: [db]\n    volumes_from: [db]\n    profiles: [debug]\n`,
    );
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(e).not.toMatch(/did you mean|allowed keys/);
  });

  it('healthcheck test inside health is named exec', async () => {
    expect((await errorsOf(`${head}    health:\n      test: [CMD, "true"]\n`)).join('\n')).toContain(
      'write it as "exec"',
    );
  });

  it('service_healthy as a depends_on condition suggests healthy', async () => {
    const text =
      'version: 1\nworkloads:\n  db:\n    image: busybox:1.35\n  web:\n    image: busybox:1.35\n    depends_on: { db: service_healthy }\n';
    expect(await errorsOf(text)).toEqual([
      'pond.yaml:7:23 error[enum]: depends_on.db in workload "web" must be one of started, healthy or completed, not "service_healthy"\n  hint: did you mean "healthy"?',
    ]);
  });

  it('service_completed_successfully in the long form suggests completed', async () => {
    const text =
      'version: 1\nworkloads:\n  db:\n    image: busybox:1.35\n  web:\n    image: busybox:1.35\n    depends_on:\n      db: { condition: service_completed_successfully }\n';
    expect((await errorsOf(text))[0]).toContain('hint: did you mean "completed"?');
  });

  it('restart: on-failure:3 suggests on-failure', async () => {
    expect((await errorsOf(`${head}    restart: on-failure:3\n`))[0]).toContain('hint: did you mean "on-failure"?');
  });

  it('storage: persistant suggests persistent', async () => {
    const text = 'version: 1\nworkloads:\n  db:\n    kind: database\n    engine: postgres\n    storage: persistant\n';
    expect((await errorsOf(text))[0]).toContain('hint: did you mean "persistent"?');
  });

  it("a Compose version number says it is pond's format version", async () => {
    expect((await errorsOf('version: "3.8"\nworkloads: {}\n'))[0]).toContain(
      "hint: this is pond's file format version, not Compose's: write version: 1",
    );
  });

  it('top-level services beside workloads says they are workloads', async () => {
    expect((await errorsOf('version: 1\nworkloads: {}\nservices: {}\n'))[0]).toContain(
      'Compose\'s "services" are "workloads" in pond',
    );
  });
});

describe('a Compose file passed to pond', () => {
  it('is one error naming it and pond import, not a list of unknown keys', async () => {
    const dir = await project({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    environment: [A=1]\n',
    });
    expect(await failures(dir, ['docker-compose.yml'])).toEqual([
      'docker-compose.yml:1:1 error[compose-file]: docker-compose.yml is a Docker Compose file (it has services: and no workloads:), not a pond.yaml\n' +
        `  hint: convert it once: pond import ${dir}/docker-compose.yml   (writes pond.yaml beside it; -o - prints it)`,
    ]);
  });
});

describe('the near-miss table', () => {
  it('is looked up by the place the key stands in', () => {
    expect(knownKeyHint('environment', ['workloads', 'web'])).toBeDefined();
    expect(knownKeyHint('environment', [])).toBeUndefined();
    expect(knownKeyHint('test', ['workloads', 'web', 'health'])).toBeDefined();
    expect(knownKeyHint('test', ['workloads', 'web'])).toBeUndefined();
  });

  it('ignores case', () => {
    expect(knownKeyHint('Environment', ['workloads', 'web'])).toBe(knownKeyHint('environment', ['workloads', 'web']));
  });

  it('maps values only under the key they belong to', () => {
    expect(knownValue('service_started', ['workloads', 'web', 'depends_on', 'db'])).toBe('started');
    expect(knownValue('service_started', ['workloads', 'web', 'restart'])).toBeUndefined();
  });
});
