import { describe, expect, it } from 'vitest';
import { fileKeys } from '../../../../src/engine/swarm/secrets.js';

const spec = (image: string, command?: string[]) => ({
  image,
  env: { POSTGRES_PASSWORD: 'x', PGPASSWORD: 'y', MYSQL_ROOT_PASSWORD: 'z' },
  sensitiveEnv: ['MYSQL_ROOT_PASSWORD', 'PGPASSWORD', 'POSTGRES_PASSWORD'],
  ...(command && { command }),
});

describe('which secret env a Swarm task reads from a file (a Swarm secret) instead of env', () => {
  it("the database image's own password keys, when it starts its server", () => {
    expect(fileKeys(spec('postgres:15-alpine'))).toEqual(['POSTGRES_PASSWORD']);
    expect(fileKeys(spec('postgres:15', ['postgres', '-c', 'fsync=off']))).toEqual(['POSTGRES_PASSWORD']);
    expect(fileKeys(spec('mysql:8.0', ['--innodb-flush-log-at-trx-commit=0']))).toEqual(['MYSQL_ROOT_PASSWORD']);
  });

  it('none when the image runs another program (psql reads PGPASSWORD from env alone), or is not a database', () => {
    expect(fileKeys(spec('postgres:15', ['psql', '--host=db']))).toEqual([]);
    expect(fileKeys(spec('busybox:1.35'))).toEqual([]);
  });
});
