import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_FILE_BYTES } from '../../../src/config/caps.js';
import { parseYaml } from '../../../src/config/parse.js';
import { Context } from '../../../src/cli/context.js';
import { ConfigError, UsageError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';
import { scheduleProblem } from '../../../src/workloads/bot/schedule.js';
import { errorsOf, failures, project } from './helpers.js';

const WEB = 'version: 1\nworkloads:\n  web:\n    image: busybox:1.35\n';

/** `file:line:col error[code]` of each diagnostic, without message or hint. */
async function placesOf(text: string | Buffer): Promise<string[]> {
  const dir = await project({});
  await writeFile(path.join(dir, 'pond.yaml'), text);
  return (await failures(dir)).map((f) => /^\S+ error\[[a-z-]+\]/.exec(f)?.[0] ?? f);
}

describe('hostile input: caps', () => {
  it('refuses a file over the size cap at line 1', async () => {
    const big = WEB + `x-pad: "${'a'.repeat(MAX_FILE_BYTES)}"\n`;
    expect(await placesOf(big)).toEqual(['pond.yaml:1:1 error[file-too-large]']);
  });

  it('reads a file just under the size cap', async () => {
    const padding = MAX_FILE_BYTES - WEB.length - 'x-pad: ""\n'.length;
    const result = parseYaml('f.yaml', WEB + `x-pad: "${'a'.repeat(padding)}"\n`);
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses nesting past the depth cap at the first too-deep collection, without overflowing the stack', async () => {
    const deep = `${WEB}x-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(await errorsOf(deep)).toEqual([
      `pond.yaml:5:${9 + MAX_DEPTH - 1} error[nesting-depth]: mappings and lists nest deeper than ${MAX_DEPTH} levels here; refusing to load\n  hint: a pond.yaml needs a few levels: check that this is the right file`,
    ]);
  });

  it('refuses deep block nesting at the offending line', async () => {
    const lines = Array.from({ length: MAX_DEPTH + 5 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    expect(await placesOf(`${WEB}x-deep:\n${lines.map((l) => ` ${l}`).join('\n')} 1\n`)).toEqual([
      `pond.yaml:${5 + MAX_DEPTH}:${MAX_DEPTH + 1} error[nesting-depth]`,
    ]);
  });

  it('refuses nesting past the depth cap reached through aliases, at the alias', async () => {
    const half = Math.ceil(MAX_DEPTH / 2) + 1;
    const text = `version: 1\nx-a: &a ${'['.repeat(half)}1${']'.repeat(half)}\nx-b: ${'['.repeat(half)}*a${']'.repeat(half)}\nworkloads: {}\n`;
    expect(await placesOf(text)).toEqual([`pond.yaml:3:${6 + half} error[nesting-depth]`]);
  });

  it('accepts nesting at exactly the depth cap', () => {
    const text = `x-deep: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}\n`;
    expect(parseYaml('f.yaml', text).diagnostics).toEqual([]);
  });
});

describe('hostile input: YAML in pond words', () => {
  it('reports an undefined alias as undefined, at the alias', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n    image: *nope\n')).toEqual([
      'pond.yaml:4:12 error[undefined-alias]: alias *nope is not defined\n  hint: define the anchor before the alias, e.g. "x-nope: &nope value" near the top of the file',
    ]);
  });

  it('reports an alias used before its anchor as undefined', async () => {
    expect(await placesOf('version: 1\nx-a: *later\nx-b: &later 1\nworkloads: {}\n')).toEqual([
      'pond.yaml:2:6 error[undefined-alias]',
    ]);
  });

  it('refuses a second document at its "---"', async () => {
    expect(await errorsOf(`${WEB}---\nversion: 1\n`)).toEqual([
      'pond.yaml:5:1 error[multiple-documents]: pond.yaml holds one document; a second one starts here\n  hint: remove the "---" line and what follows, or merge it into the first document (use -f for a second file)',
    ]);
  });

  it('accepts a leading "---" and a closing "..."', () => {
    expect(parseYaml('f.yaml', `---\n${WEB}...\n`).diagnostics).toEqual([]);
  });
});

describe('hostile input: tags and bytes', () => {
  it('refuses a !!js/function tag at the tag', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n    image: !!js/function "function () {}"\n')).toEqual([
      'pond.yaml:4:12 error[unknown-tag]: unknown tag !!js/function: pond reads plain YAML only\n  hint: remove the tag; to force a string, quote the value ("8080") or tag it !!str',
    ]);
  });

  it('refuses a custom local tag', async () => {
    expect(await placesOf('version: 1\nworkloads:\n  web: !custom {image: busybox}\n')).toEqual([
      'pond.yaml:3:8 error[unknown-tag]',
    ]);
  });

  it('refuses YAML 1.1 extension tags such as !!binary, which would hand on bytes instead of text', async () => {
    expect(await placesOf('version: 1\nworkloads:\n  web:\n    image: !!binary YnVzeWJveA==\n')).toEqual([
      'pond.yaml:4:12 error[unknown-tag]',
    ]);
  });

  it('accepts core tags', () => {
    expect(parseYaml('f.yaml', 'a: !!str 8080\nb: !!int "3"\nc: !!map {}\n').diagnostics).toEqual([]);
  });

  it('refuses invalid UTF-8 at the line and column of the first bad byte', async () => {
    const text = Buffer.concat([
      Buffer.from('version: 1\nworkloads:\n  web:\n    image: bü'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('sybox\n'),
    ]);
    expect(await placesOf(text)).toEqual(['pond.yaml:4:14 error[encoding]']);
  });

  it('places a truncated multi-byte sequence at its lead byte', async () => {
    const text = Buffer.concat([
      Buffer.from('version: 1\nx-a: "'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"\nworkloads: {}\n'),
    ]);
    expect(await placesOf(text)).toEqual(['pond.yaml:2:7 error[encoding]']);
  });

  it('refuses an encoded surrogate, which TextDecoder would replace silently', async () => {
    const text = Buffer.concat([
      Buffer.from('version: 1\nx-a: '),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('\nworkloads: {}\n'),
    ]);
    expect(await placesOf(text)).toEqual(['pond.yaml:2:6 error[encoding]']);
  });
});

describe('hostile input: name lengths', () => {
  const long = 'a'.repeat(64);

  it('refuses a workload name longer than a DNS label, at its key', async () => {
    expect(await errorsOf(`version: 1\nworkloads:\n  ${long}:\n    image: busybox:1.35\n`)).toEqual([
      'pond.yaml:3:3 error[too-long]: workload name "aaaaaaaaaaaaaaaaaaaa…" is 64 characters long; at most 63 are allowed\n  hint: names become DNS labels (network aliases, container names), which hold at most 63 characters',
    ]);
  });

  it('refuses a volume name longer than a DNS label, at its key', async () => {
    expect(await placesOf(`${WEB}volumes:\n  ${long}: {}\n`)).toEqual(['pond.yaml:6:3 error[too-long]']);
  });

  it('refuses a project name longer than a DNS label, at its value', async () => {
    expect(await placesOf(`version: 1\nname: ${long}\nworkloads: {}\n`)).toEqual(['pond.yaml:2:7 error[too-long]']);
  });
});

/** `line:col code: message` of each problem the whole load (config → desired) finds, or [] if none. */
async function projectErrors(files: Record<string, string>, projectName?: string): Promise<string[]> {
  const dir = await project(files);
  const error = await loadProject([path.join(dir, 'pond.yaml')], {}, projectName).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return [];
  if (!(error instanceof ConfigError)) throw error;
  return error.diagnostics.map(
    (d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`,
  );
}

describe('hostile input: names, images and schedules the engine would refuse', () => {
  it('refuses a project and workload name that together exceed a DNS label, at the workload', async () => {
    const workload = 'w'.repeat(40);
    expect(
      await projectErrors(
        { 'pond.yaml': `version: 1\nworkloads:\n  ${workload}:\n    image: busybox:1.35\n` },
        'p'.repeat(30),
      ),
    ).toEqual([
      `3:3 too-long: container name "${'p'.repeat(30)}-${workload}" would be 71 characters long; project and workload names together allow at most 62 (shorten the workload name, or the project name (name:, or -p))`,
    ]);
  });

  it('refuses a -p project name longer than a DNS label as a usage error', () => {
    expect(() => new Context({ file: [], projectName: 'p'.repeat(64) })).toThrow(UsageError);
  });

  it('accepts a project and workload name that together fill a DNS label exactly', async () => {
    expect(
      await projectErrors(
        { 'pond.yaml': `version: 1\nworkloads:\n  ${'w'.repeat(31)}:\n    image: busybox:1.35\n` },
        'p'.repeat(31),
      ),
    ).toEqual([]);
  });

  it('refuses an image that is not a docker reference, at the image, with a hint', async () => {
    expect(await projectErrors({ 'pond.yaml': 'version: 1\nworkloads:\n  web:\n    image: Busybox:1.35\n' })).toEqual([
      '4:12 image: image "Busybox:1.35" is not an image reference: repository names must be lowercase (e.g. "busybox:1.35", "registry:5000/team/app:tag" or "name@sha256:<64 hex digits>")',
    ]);
  });

  it('refuses a bad image: override on a preset kind too', async () => {
    expect(
      await projectErrors({
        'pond.yaml':
          'version: 1\nworkloads:\n  db:\n    kind: database\n    engine: postgres\n    image: "postgres:15:alpine"\n',
      }),
    ).toEqual([
      '6:12 image: image "postgres:15:alpine" is not an image reference: it has more than one ":" (one tag at most; a registry port needs a path after it) (e.g. "busybox:1.35", "registry:5000/team/app:tag" or "name@sha256:<64 hex digits>")',
    ]);
  });

  it('refuses a cron schedule that can never fire, at the schedule', async () => {
    const yaml =
      'version: 1\nworkloads:\n  report:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    schedule: "0 0 30 2 *"\n';
    const dir = await project({ 'pond.yaml': yaml });
    await mkdir(path.join(dir, 'bot'));
    await writeFile(path.join(dir, 'bot/main.py'), 'print(1)\n');
    const error = (await loadProject([path.join(dir, 'pond.yaml')], {}).catch((e: unknown) => e)) as ConfigError;
    expect(error.diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}`)).toEqual([
      '7:15 cron: schedule "0 0 30 2 *" can never fire: no date matches its day and month',
    ]);
  });
});

describe('scheduleProblem', () => {
  it('accepts a leap day, which fires every four years', () => {
    expect(scheduleProblem('0 0 29 2 *')).toBeUndefined();
  });

  it('refuses a day no month of the list has', () => {
    expect(scheduleProblem('0 0 31 2,4,6,9,11 *')).toBe('can never fire: no date matches its day and month');
  });
});
