import { describe, expect, it } from 'vitest';
import { interpolateTree } from '../../../src/config/interpolate.js';
import { parseYaml } from '../../../src/config/parse.js';
import { writeBack } from '../../../src/config/write-back.js';
import { isSensitiveName } from '../../../src/secrets.js';

function written(yaml: string, env: Record<string, string> = {}, values: string[] = []) {
  const { tree } = parseYaml('/p/pond.yaml', yaml);
  const result = interpolateTree(tree!, (n) => env[n]);
  const variables = result.variables.filter(isSensitiveName);
  return writeBack(result.tree, { variables, values: [...values, ...variables.map((v) => env[v]!).filter(Boolean)] });
}

const w = (body: string) => `workloads:\n  app:\n${body}`;

describe('writeBack (pond config as a pond.yaml)', () => {
  it('writes a plain variable as its value', () => {
    expect(written(w('    image: busybox:${TAG}\n'), { TAG: '1.35' }).data).toEqual({
      workloads: { app: { image: 'busybox:1.35' } },
    });
  });

  it('doubles a literal $ so that pond reads the same text back', () => {
    const out = written(w('    command: ["echo", "$$HOME", "${V}"]\n'), { V: 'a$b' });
    expect(out.data).toEqual({ workloads: { app: { command: ['echo', '$$HOME', 'a$$b'] } } });
  });

  it('keeps a value the interpolation typed as it resolved (a number stays a number)', () => {
    expect(written('retries: ${R:-3}\n').data).toEqual({ retries: 3 });
  });

  it('writes a secret variable back as the reference it was written as', () => {
    const out = written(
      w('    env:\n      DB_PASSWORD: ${DB_PASSWORD}\n      URL: postgres://u:${DB_PASSWORD}@db/x\n'),
      { DB_PASSWORD: 'hunter2-env' },
    );
    expect(out.data).toEqual({
      workloads: { app: { env: { DB_PASSWORD: '${DB_PASSWORD}', URL: 'postgres://u:${DB_PASSWORD}@db/x' } } },
    });
    expect(out.references).toEqual([]);
  });

  it('writes a secret whose default is the secret value as ${VAR} alone, naming VAR as needed', () => {
    const out = written(w('    env:\n      PGPASSWORD: ${PGPASSWORD:-local-secret}\n'), {}, ['local-secret']);
    expect(out.data).toEqual({ workloads: { app: { env: { PGPASSWORD: '${PGPASSWORD}' } } } });
    expect(out.references).toEqual(['PGPASSWORD']);
  });

  it('writes a secret written literally in the file as a reference named after its key', () => {
    const out = written(w('    env:\n      API_TOKEN: literal-value\n    config: { nested: { secret: s3cr3t-v } }\n'));
    expect(out.data).toEqual({
      workloads: { app: { env: { API_TOKEN: '${API_TOKEN}' }, config: { nested: { secret: '${SECRET}' } } } },
    });
    expect(out.references).toEqual(['API_TOKEN', 'SECRET']);
  });

  it('writes a secret KEY=VALUE list entry as KEY=${KEY}', () => {
    expect(written(w('    env: ["MODE=dev", "DB_PASSWORD=hunter2-x"]\n')).data).toEqual({
      workloads: { app: { env: ['MODE=dev', 'DB_PASSWORD=${DB_PASSWORD}'] } },
    });
  });

  it('hides the env entries listed under sensitive:, and a URL with a password under any name', () => {
    const out = written(w('    sensitive: [PIN]\n    env: { PIN: "0123", LINK: "postgres://u:pw-literal@db/x" }\n'));
    expect(out.data).toEqual({ workloads: { app: { sensitive: ['PIN'], env: { PIN: '${PIN}', LINK: '${LINK}' } } } });
  });

  it('never writes a known secret value, wherever it appears', () => {
    const out = written(w('    command: ["login", "--with", "planted-secret"]\n'), {}, ['planted-secret']);
    expect(JSON.stringify(out.data)).not.toContain('planted-secret');
  });
});
