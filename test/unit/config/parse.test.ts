import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/config/parse.js';
import { errorsOf } from './helpers.js';

describe('parse', () => {
  it('refuses a duplicate key at the second occurrence', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n    image: nginx\n    image: httpd\n')).toEqual([
      'pond.yaml:5:5 error[duplicate-key]: duplicate key "image"\n  hint: "image" is already set earlier in this mapping; keep only one',
    ]);
  });

  it('names a duplicate of a key that has no value, at the duplicate', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n  web:\n    image: nginx\n')).toEqual([
      'pond.yaml:4:3 error[duplicate-key]: duplicate key "web"\n  hint: "web" is already set earlier in this mapping; keep only one',
    ]);
  });

  it('refuses duplicate keys in flow mappings and in nested mappings, each at its own place', () => {
    const result = parseYaml('f.yaml', 'a: {x: 1, x: 2}\nb:\n  c: 1\n  "c": 2\n  1: one\n  "1": not-a-duplicate\n');
    expect(result.diagnostics.map((d) => [d.message, d.location?.line, d.location?.col])).toEqual([
      ['duplicate key "x"', 1, 11],
      ['duplicate key "c"', 4, 3],
    ]);
  });

  it('refuses a << merge of a plain value at its place instead of failing', () => {
    const result = parseYaml('f.yaml', 'x: &x 1\nuse:\n  <<: *x\n');
    expect(result.diagnostics.map((d) => [d.code, d.message, d.location?.line, d.location?.col])).toEqual([
      ['type', 'a "<<" merge key needs a mapping or a list of mappings', 3, 7],
    ]);
  });

  it('refuses a billion-laughs document at its first alias', async () => {
    const bomb = [
      'version: 1',
      'x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      'x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'workloads: {}',
      '',
    ].join('\n');
    expect(await errorsOf(bomb)).toEqual([
      'pond.yaml:3:10 error[alias-limit]: aliases expand to too many values (more than 100); refusing to load\n  hint: nested aliases (*name) multiply; write the values out or alias fewer times',
    ]);
  });

  it('refuses an alias to its own ancestor instead of looping', () => {
    const result = parseYaml('f.yaml', 'version: 1\nx-loop: &loop [1, *loop]\n');
    expect(result.diagnostics.map((d) => [d.code, d.message, d.location])).toEqual([
      ['alias-limit', 'alias *loop refers to a value that contains it', { file: 'f.yaml', line: 2, col: 19 }],
    ]);
  });

  it('accepts a few ordinary aliases', () => {
    const result = parseYaml('f.yaml', 'x-env: &env {A: "1"}\nworkloads:\n  a: {env: *env}\n  b: {env: *env}\n');
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses an empty file', async () => {
    expect(await errorsOf('')).toEqual([
      'pond.yaml:1:1 error[empty-file]: the file is empty\n  hint: a pond file needs at least "version: 1" and a "workloads:" mapping',
    ]);
  });

  it('refuses a file of only comments', async () => {
    expect(await errorsOf('# nothing here yet\n\n# still nothing\n')).toEqual([
      'pond.yaml:1:1 error[empty-file]: the file is empty\n  hint: a pond file needs at least "version: 1" and a "workloads:" mapping',
    ]);
  });

  it('refuses a top level that is not a mapping', async () => {
    expect(await errorsOf('- web\n- db\n')).toEqual([
      'pond.yaml:1:1 error[type]: the top level must be a mapping of keys such as "version" and "workloads"\n  hint: start the file with "version: 1"',
    ]);
  });

  it('reports every syntax problem with a position', async () => {
    expect(await errorsOf('version: 1\nworkloads: [web\nname: x\n')).toEqual([
      'pond.yaml:3:1 error[yaml-syntax]: flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('keeps YAML 1.2 core types: no stays a string, numbers are numbers', () => {
    const result = parseYaml('f.yaml', 'restart: no\non: yes\nretries: 3\nversion: "1"\n');
    expect(result.tree?.entries.get('restart')?.node).toMatchObject({ value: 'no', plain: true });
    expect(result.tree?.entries.get('on')?.node).toMatchObject({ value: 'yes' });
    expect(result.tree?.entries.get('retries')?.node).toMatchObject({ value: 3 });
    expect(result.tree?.entries.get('version')?.node).toMatchObject({ value: '1', plain: false });
  });

  it('honours << merge keys, explicit keys winning', () => {
    const result = parseYaml('f.yaml', 'base: &base {a: 1, b: 2}\nuse:\n  <<: *base\n  b: 3\n');
    const use = result.tree?.entries.get('use')?.node;
    expect(
      use?.kind === 'map' &&
        Object.fromEntries([...use.entries].map(([k, e]) => [k, e.node.kind === 'scalar' && e.node.value])),
    ).toEqual({ b: 3, a: 1 });
  });
});
