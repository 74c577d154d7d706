import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { ConfigError } from '../../../src/errors.js';
import { tempProject } from '../../support/project.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The refusal of a load that must fail: its diagnostics as "LINE:COL code: message" and its notes. */
async function refusal(
  workloads: string,
  env: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<{ problems: string[]; hints: (string | undefined)[]; notes: string[] }> {
  const p = await tempProject(workloads, files);
  dirs.push(p.dir);
  try {
    await p.load(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return {
      problems: e.diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}`),
      hints: e.diagnostics.map((d) => d.hint),
      notes: e.notes,
    };
  }
  throw new Error('expected a ConfigError');
}

const service = (name: string, more = ''): string => `  ${name}:\n    image: busybox:1.35\n${more}`;

describe('every problem of every stage in one run', () => {
  it('a schema error, a model error and a dependency cycle are reported in one throw, sorted by line', async () => {
    const yaml =
      service('web', '    imgae: busybox:1.35\n') +
      service('api', '    network: host\n') +
      service('a', '    depends_on: [b]\n') +
      service('b', '    depends_on: [a]\n');
    expect((await refusal(yaml)).problems).toEqual([
      '6:5 unknown-key: unknown key "imgae" in workload "web"',
      '9:14 unsafe: host networking bypasses port publishing and isolation',
      '12:18 dependency-cycle: dependency cycle: a → b → a',
    ]);
  });

  it('says in one line which workloads the model and graph checks left out', async () => {
    const yaml = service('web', '    imgae: busybox:1.35\n') + service('api', '    depends_on: [web]\n');
    expect((await refusal(yaml)).notes).toEqual([
      'model and graph checks skipped for workload "web", which has errors above',
    ]);
  });

  it('a dependency on a workload the schema refused is not reported again as unknown', async () => {
    const yaml = service('web', '    restart: sometimes\n') + service('api', '    depends_on: { web: healthy }\n');
    expect((await refusal(yaml)).problems).toEqual([
      '6:14 enum: restart in workload "web" must be one of no, always, unless-stopped or on-failure, not "sometimes"',
    ]);
  });

  it('a reference to a database the schema refused is not reported again', async () => {
    const yaml =
      '  db:\n    kind: database\n    engine: postgres\n    version: "16"\n    storage: persistant\n' +
      service('app', '    env: { URL: "${workloads.db.url}" }\n');
    expect((await refusal(yaml)).problems).toEqual([
      '8:14 enum: storage in workload "db" must be one of ephemeral or persistent, not "persistant"',
    ]);
  });

  it('one broken workload does not cut short the model checks of another (a notebook before a query)', async () => {
    const yaml =
      '  nb:\n    kind: notebook\n    notebook: missing\n  q:\n    kind: query\n    sql: "SELECT 1"\n    resources: { memory: 1k }\n';
    expect((await refusal(yaml)).problems).toEqual([
      '6:15 not-found: notebook missing does not exist',
      "10:26 memory: memory 1k is below the engine's minimum of 6m",
    ]);
  });

  it('a workload holding an unset variable is left out of the model checks; the others are still checked', async () => {
    const yaml =
      service('web', '    command: ${NOPE}\n    network: host\n') + service('api', '    resources: { memory: 1k }\n');
    expect((await refusal(yaml)).problems).toEqual([
      '6:14 unset-variable: variable "NOPE" is not set',
      "10:26 memory: memory 1k is below the engine's minimum of 6m",
    ]);
  });

  it('a YAML syntax error stops the load with a line saying the other checks did not run', async () => {
    const { problems, notes } = await refusal(service('web') + '  broken: [\n');
    expect(problems.map((p) => p.split(' ')[1])).toEqual(['yaml-syntax:']);
    expect(notes).toEqual(['schema, model and graph checks skipped: the file above could not be read as YAML']);
  });

  it('workloads that are not a mapping: the schema error, and one line that the model and graph checks did not run', async () => {
    const { problems, notes } = await refusal('  - web\n');
    expect(problems).toEqual(['3:1 type: workloads must be a mapping, not a list']);
    expect(notes).toEqual(['model and graph checks skipped: "workloads" is not a mapping of workloads (see above)']);
  });

  it('a valid project gets no notes and loads', async () => {
    const p = await tempProject(service('web') + service('api', '    depends_on: [web]\n'));
    dirs.push(p.dir);
    expect((await p.load()).graph.order).toEqual(['web', 'api']);
  });
});

describe('near misses name the pond spelling', () => {
  it('healtcheck suggests health', async () => {
    expect((await refusal(service('web', '    healtcheck: { exec: "true" }\n'))).hints).toEqual([
      'write it as "health"',
    ]);
  });

  it('storage: persistant suggests persistent', async () => {
    expect(
      (await refusal('  db:\n    kind: database\n    engine: postgres\n    version: "16"\n    storage: persistant\n'))
        .hints,
    ).toEqual(['did you mean "persistent"?']);
  });

  it('persistent: true on a workload points at storage: persistent', async () => {
    expect(
      (await refusal('  db:\n    kind: database\n    engine: postgres\n    version: "16"\n    persistent: true\n'))
        .hints[0],
    ).toContain('"storage: persistent"');
  });

  it('a Compose-style wait (readiness) points at ready_when', async () => {
    expect((await refusal(service('web', '    readiness: { log: up }\n'))).hints).toEqual([
      'write it as "ready_when" (log: or http:)',
    ]);
  });

  it('depends_on condition "ready" suggests healthy', async () => {
    expect(
      (
        await refusal(
          service('db', '    health: { exec: "true" }\n') + service('web', '    depends_on: { db: ready }\n'),
        )
      ).hints,
    ).toEqual(['did you mean "healthy"?']);
  });
});
