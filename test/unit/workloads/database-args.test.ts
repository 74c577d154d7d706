import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../../src/errors.js';
import { loadProject } from '../../../src/pipeline.js';
import { tempDir } from '../../support/temp-dir.js';

async function load(db: string) {
  const dir = tempDir('pond-dbargs-');
  await fs.writeFile(
    path.join(dir, 'pond.yaml'),
    `version: 1\nname: demo\nworkloads:\n  db:\n    kind: database\n${db}`,
  );
  return loadProject([path.join(dir, 'pond.yaml')], {});
}
const commandOf = async (db: string) => (await load(db)).spec.workloads[0]!.command;
const FAST_PG = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  '-c',
  'max_wal_size=256MB',
];

describe('database command: and args:', () => {
  it("args are appended to the preset's server command, after the mode: fast flags", async () => {
    expect(await commandOf('    engine: postgres\n    args: ["-c", "wal_level=logical"]\n')).toEqual([
      'postgres',
      ...FAST_PG,
      '-c',
      'wal_level=logical',
    ]);
  });

  it('args on a durable postgres follow the server command alone', async () => {
    expect(
      await commandOf('    engine: postgres\n    storage: persistent\n    args: ["-c", "wal_level=logical"]\n'),
    ).toEqual(['postgres', '-c', 'wal_level=logical']);
  });

  it("args on mysql are bare server flags, as the image's entrypoint takes them", async () => {
    expect(await commandOf('    engine: mysql\n    storage: persistent\n    args: ["--binlog-format=ROW"]\n')).toEqual([
      '--binlog-format=ROW',
    ]);
  });

  it('args on sqlserver follow its server binary', async () => {
    expect(await commandOf('    engine: sqlserver\n    args: ["-m"]\n')).toEqual(['/opt/mssql/bin/sqlservr', '-m']);
  });

  it("command replaces the preset's server command and its fast flags; args follow it", async () => {
    expect(
      await commandOf(
        '    engine: postgres\n    command: [postgres, -c, log_statement=all]\n    args: ["-c", "wal_level=logical"]\n',
      ),
    ).toEqual(['postgres', '-c', 'log_statement=all', '-c', 'wal_level=logical']);
  });

  it("without either, a durable database keeps the image's own command (unchanged spec)", async () => {
    expect(await commandOf('    engine: postgres\n    storage: persistent\n')).toBeUndefined();
    expect(await commandOf('    engine: sqlserver\n')).toBeUndefined();
  });

  it('refuses args after a command written as one shell string, at the args line', async () => {
    const found = await load(
      '    engine: postgres\n    command: "postgres -c fsync=off"\n    args: ["-c", "wal_level=logical"]\n',
    ).then(
      () => [],
      (e: ConfigError) => e.diagnostics.map((d) => `${d.location?.line}:${d.location?.col} ${d.code}: ${d.message}`),
    );
    expect(found).toEqual(['8:5 args: args: cannot follow a command written as one shell string']);
  });
});
