import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failures, load, project } from './helpers.js';

const base = [
  'version: 1',
  'workloads:',
  '  web:',
  '    image: nginx',
  '    ports: ["8080:80", "8443:443"]',
  '    env:',
  '      MODE: dev',
  '      KEEP: base',
  '',
].join('\n');

const override = [
  'workloads:',
  '  web:',
  '    image: nginx:1.27',
  '    ports: ["9090:80"]',
  '    env:',
  '      MODE: prod',
  '',
].join('\n');

describe('override files', () => {
  it('merges mappings key by key and replaces lists and scalars', async () => {
    const dir = await project({ 'pond.yaml': base, 'pond.prod.yaml': override });
    const config = await load(dir, ['pond.yaml', 'pond.prod.yaml']);
    expect((config.data.workloads as Record<string, unknown>).web).toEqual({
      image: 'nginx:1.27',
      ports: ['9090:80'],
      env: { MODE: 'prod', KEEP: 'base' },
    });
    expect(config.files).toEqual([path.join(dir, 'pond.yaml'), path.join(dir, 'pond.prod.yaml')]);
    expect(config.dir).toBe(dir);
  });

  it('locates each value in the file that supplied it', async () => {
    const dir = await project({ 'pond.yaml': base, 'pond.prod.yaml': override });
    const config = await load(dir, ['pond.yaml', 'pond.prod.yaml']);
    const prod = path.join(dir, 'pond.prod.yaml');
    const first = path.join(dir, 'pond.yaml');
    expect(config.locate(['workloads', 'web', 'image'])).toEqual({ file: prod, line: 3, col: 12 });
    expect(config.locate(['workloads', 'web', 'ports', 0])).toEqual({ file: prod, line: 4, col: 13 });
    expect(config.locate(['workloads', 'web', 'env', 'KEEP'])).toEqual({ file: first, line: 8, col: 13 });
    expect(config.locate(['workloads', 'web', 'env'])).toEqual({ file: prod, line: 5, col: 5 });
    expect(config.locate(['version'])).toEqual({ file: first, line: 1, col: 10 });
  });

  it('falls back to the nearest existing parent', async () => {
    const dir = await project({ 'pond.yaml': base });
    const config = await load(dir);
    const file = path.join(dir, 'pond.yaml');
    expect(config.locate(['workloads', 'web', 'ports', 7])).toEqual({ file, line: 5, col: 5 });
    expect(config.locate(['workloads', 'web', 'health', 'http', 'port'])).toEqual({ file, line: 3, col: 3 });
  });

  it('reports schema errors in the override file', async () => {
    const dir = await project({ 'pond.yaml': base, 'pond.prod.yaml': 'workloads:\n  web:\n    restart: sometimes\n' });
    expect(await failures(dir, ['pond.yaml', 'pond.prod.yaml'])).toEqual([
      'pond.prod.yaml:3:14 error[enum]: restart in workload "web" must be one of no, always, unless-stopped or on-failure, not "sometimes"',
    ]);
  });

  it('reports parse problems of every file together', async () => {
    const dir = await project({ 'pond.yaml': 'version: 1\nversion: 1\n', 'pond.prod.yaml': '' });
    expect(await failures(dir, ['pond.yaml', 'pond.prod.yaml'])).toEqual([
      'pond.prod.yaml:1:1 error[empty-file]: the file is empty\n  hint: a pond file needs at least "version: 1" and a "workloads:" mapping',
      'pond.yaml:2:1 error[duplicate-key]: duplicate key "version"\n  hint: "version" is already set earlier in this mapping; keep only one',
    ]);
  });
});
