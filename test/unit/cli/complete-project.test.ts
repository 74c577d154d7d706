import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workloadsOnDisk } from '../../../src/cli/complete-project.js';
import { tempDir } from '../../support/temp-dir.js';

function folder(files: Record<string, string>): string {
  const dir = tempDir('pond-complete-');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('workloadsOnDisk (names for completion)', () => {
  it('reads pond.yaml and pond.override.yaml here, with each kind (service when none is given)', () => {
    const dir = folder({
      'pond.yaml': 'workloads:\n  db: { kind: database }\n  web: {}\n',
      'pond.override.yaml': 'workloads:\n  extra: { kind: bot }\n',
    });
    expect(workloadsOnDisk([], dir)).toEqual([
      { name: 'db', kind: 'database' },
      { name: 'web', kind: 'service' },
      { name: 'extra', kind: 'bot' },
    ]);
  });

  it('reads the files given with -f or --file= instead', () => {
    const dir = folder({ 'pond.yaml': 'workloads: { a: {} }\n', 'other.yaml': 'workloads: { b: {} }\n' });
    expect(workloadsOnDisk(['-f', 'other.yaml', 'logs', ''], dir).map((w) => w.name)).toEqual(['b']);
    expect(workloadsOnDisk(['logs', '--file=other.yaml', ''], dir).map((w) => w.name)).toEqual(['b']);
  });

  it('gives nothing, and throws nothing, for a broken or absent file', () => {
    expect(workloadsOnDisk([], folder({ 'pond.yaml': 'workloads: [unclosed\n  : :' }))).toEqual([]);
    expect(workloadsOnDisk([], folder({}))).toEqual([]);
    expect(workloadsOnDisk([], folder({ 'pond.yaml': 'workloads: 3\n' }))).toEqual([]);
  });
});
