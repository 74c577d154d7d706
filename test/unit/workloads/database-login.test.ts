import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';

async function load(workloads: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-login-'));
  await fs.writeFile(path.join(dir, 'pond.yaml'), `version: 1\nname: demo\nworkloads:\n${workloads}`);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: ConfigError) => e,
  );

describe('a database login is `login:`, not `user:`', () => {
  it('login: is the role the image creates and every connection uses', async () => {
    const { spec } = await load('  db:\n    kind: database\n    engine: postgres\n    login: analyst\n');
    const db = spec.workloads[0]!;
    expect([db.env.POSTGRES_USER, db.database?.connection.user, db.user]).toEqual(['analyst', 'analyst', undefined]);
  });

  it('user: on a database is refused at its line and column, naming login: and the value to move', async () => {
    const e = await failure(load('  db:\n    kind: database\n    engine: postgres\n    user: analyst\n'));
    const d = e?.diagnostics.map((x) => [`${x.location?.line}:${x.location?.col}`, x.code, x.message, x.hint]);
    expect(d).toEqual([
      [
        '7:11',
        'renamed',
        '`user:` on a database is now `login:` (the database login); `user:` is the process user on the other kinds',
        'rename it: login: analyst',
      ],
    ]);
  });

  it('user: keeps meaning the process user on a service', async () => {
    const { spec } = await load('  web:\n    image: busybox:1.35\n    user: "1000:1000"\n');
    expect(spec.workloads[0]!.user).toBe('1000:1000');
  });

  it('the sqlserver preset refuses a login other than sa at login:', async () => {
    const e = await failure(load('  db:\n    kind: database\n    engine: sqlserver\n    login: analyst\n'));
    expect(e?.diagnostics.map((x) => `${x.location?.line}:${x.location?.col} ${x.code}`)).toEqual([
      '7:12 invalid-value',
    ]);
  });
});
