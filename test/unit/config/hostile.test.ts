import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_FILE_BYTES } from '../../../src/config/caps.js';
import { parseYaml } from '../../../src/config/parse.js';
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
    expect(await placesOf(`${WEB}x-deep:\n${lines.map((l) => ` ${l}`).join('\n')} 1\n`)).toEqual([`pond.yaml:${5 + MAX_DEPTH}:${MAX_DEPTH + 1} error[nesting-depth]`]);
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
    expect(await placesOf('version: 1\nx-a: *later\nx-b: &later 1\nworkloads: {}\n')).toEqual(['pond.yaml:2:6 error[undefined-alias]']);
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
    expect(await placesOf('version: 1\nworkloads:\n  web: !custom {image: busybox}\n')).toEqual(['pond.yaml:3:8 error[unknown-tag]']);
  });

  it('refuses YAML 1.1 extension tags such as !!binary, which would hand on bytes instead of text', async () => {
    expect(await placesOf('version: 1\nworkloads:\n  web:\n    image: !!binary YnVzeWJveA==\n')).toEqual(['pond.yaml:4:12 error[unknown-tag]']);
  });

  it('accepts core tags', () => {
    expect(parseYaml('f.yaml', 'a: !!str 8080\nb: !!int "3"\nc: !!map {}\n').diagnostics).toEqual([]);
  });

  it('refuses invalid UTF-8 at the line and column of the first bad byte', async () => {
    const text = Buffer.concat([Buffer.from('version: 1\nworkloads:\n  web:\n    image: bü'), Buffer.from([0xff, 0xfe]), Buffer.from('sybox\n')]);
    expect(await placesOf(text)).toEqual(['pond.yaml:4:14 error[encoding]']);
  });

  it('places a truncated multi-byte sequence at its lead byte', async () => {
    const text = Buffer.concat([Buffer.from('version: 1\nx-a: "'), Buffer.from([0xe2, 0x82]), Buffer.from('"\nworkloads: {}\n')]);
    expect(await placesOf(text)).toEqual(['pond.yaml:2:7 error[encoding]']);
  });

  it('refuses an encoded surrogate, which TextDecoder would replace silently', async () => {
    const text = Buffer.concat([Buffer.from('version: 1\nx-a: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\nworkloads: {}\n')]);
    expect(await placesOf(text)).toEqual(['pond.yaml:2:6 error[encoding]']);
  });
});
