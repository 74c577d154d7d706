import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, uniqueProject } from '../integration/helpers/docker.js';
import { pond, projectDir } from './helpers/pond.js';

const project = uniqueProject('h-hostile');
afterAll(() => cleanupProject(project));

const HEAD = 'version: 1\nworkloads:\n';
const SERVICE = '  web:\n    image: busybox:1.35\n    command: [sleep, "300"]\n';

interface Case {
  name: string;
  /** The pond.yaml bytes. */
  file: string | Buffer;
  /** The `pond.yaml:LINE:COL error[CODE]` the CLI must print first. */
  where: string;
  extra?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'a file over 1 MiB',
    file: `${HEAD}${SERVICE}x-pad: "${'a'.repeat(1024 * 1024)}"\n`,
    where: 'pond.yaml:1:1 error[file-too-large]',
  },
  {
    name: 'nesting 5000 levels deep',
    file: `${HEAD}${SERVICE}x-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    where: 'pond.yaml:6:72 error[nesting-depth]',
  },
  {
    name: 'an undefined alias',
    file: `${HEAD}  web:\n    image: *nope\n`,
    where: 'pond.yaml:4:12 error[undefined-alias]',
  },
  {
    name: 'a second document',
    file: `${HEAD}${SERVICE}---\n${HEAD}${SERVICE}`,
    where: 'pond.yaml:6:1 error[multiple-documents]',
  },
  {
    name: 'a !!js/function tag',
    file: `${HEAD}  web:\n    image: !!js/function "function () {}"\n`,
    where: 'pond.yaml:4:12 error[unknown-tag]',
  },
  {
    name: 'invalid UTF-8',
    file: Buffer.concat([
      Buffer.from(`${HEAD}  web:\n    image: busy`),
      Buffer.from([0xff]),
      Buffer.from('box:1.35\n'),
    ]),
    where: 'pond.yaml:4:16 error[encoding]',
  },
  {
    name: 'an image outside the reference grammar',
    file: `${HEAD}  web:\n    image: "a:b:c"\n`,
    where: 'pond.yaml:4:12 error[image]',
  },
  {
    name: 'a container name past a DNS label',
    file: `${HEAD}  ${'w'.repeat(50)}:\n    image: busybox:1.35\n`,
    where: 'pond.yaml:3:3 error[too-long]',
  },
  {
    name: 'a schedule that never fires',
    file: `${HEAD}  report:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    schedule: "0 0 30 2 *"\n`,
    where: 'pond.yaml:7:15 error[cron]',
    extra: { 'bot/main.py': 'print("never")\n' },
  },
];

/** What the engine holds for this project, by the docker CLI: containers, networks and volumes. */
async function owned(): Promise<string[]> {
  const filter = `label=dev.pond.project=${project}`;
  const lists = await Promise.all([
    docker('ps', '-aq', '--filter', filter),
    docker('network', 'ls', '-q', '--filter', filter),
    docker('volume', 'ls', '-q', '--filter', filter),
  ]);
  return lists.flatMap((l) => l.split('\n').filter(Boolean));
}

async function dirFor(c: Case): Promise<string> {
  const dir = await projectDir(c.extra ?? {});
  await fs.writeFile(path.join(dir, 'pond.yaml'), c.file);
  return dir;
}

describe('hostile or broken pond.yaml', () => {
  it.each(cases)('$name: validate exits 3 at $where, in pond words', async (c) => {
    const run = await pond(['-p', project, 'validate'], { cwd: await dirFor(c) });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`^${c.where.replace(/[[\]]/g, '\\$&')}: \\S`));
    expect(run.stderr).toMatch(/^ {2}hint: /m);
    expect(run.stderr).not.toMatch(/internal error|^\s+at \S+ \(|RangeError|TypeError|ReferenceError/m);
  });

  it.each(cases)('$name: up exits 3 at $where and creates no container, network or volume', async (c) => {
    const run = await pond(['-p', project, 'up'], { cwd: await dirFor(c) });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`^${c.where.replace(/[[\]]/g, '\\$&')}: \\S`));
    expect(run.stderr).not.toMatch(/internal error|^\s+at \S+ \(/m);
    expect(await owned()).toEqual([]);
  });

  it('the witness sees what a valid up creates (so "nothing created" above is not vacuous)', async () => {
    const run = await pond(['-p', project, 'up'], { cwd: await projectDir({ 'pond.yaml': `${HEAD}${SERVICE}` }) });
    expect(run.code, run.stderr).toBe(0);
    expect((await owned()).length).toBeGreaterThan(0);
    await cleanupProject(project);
  });
});
