import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pond, projectDir } from './helpers/pond.js';

const SECRET = 'dotenv-PLANTED-9c1e';
const LITERAL = 'literal-PLANTED-44af';
const files = {
  'pond.yaml': `version: 1
name: roundtrip
workloads:
  api:
    image: busybox:\${TAG:-1.35}
    command: ["sh", "-c", "echo $$HOME \${GREETING}"]
    env:
      DB_PASSWORD: \${DB_PASSWORD}
      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db:5432/app
      MODE: \${MODE:-dev}
    ports: ["8080"]
    depends_on: { db: healthy }
  db:
    image: postgres:15
    env: { POSTGRES_PASSWORD: "\${DB_PASSWORD}", POSTGRES_USER: app }
    health: { exec: [pg_isready], interval: 2s }
  trader:
    kind: bot
    runtime: python3.11
    code: ./bot
    schedule: "*/5 * * * *"
    config: { symbol: BTC, api_token: ${LITERAL} }
`,
  'pond.ci.yaml': 'workloads:\n  api:\n    resources: { memory: 128m }\n',
  'bot/main.py': 'print(1)\n',
  '.env': `export DB_PASSWORD="${SECRET}"\nGREETING='hello $$ world'\nMODE=\${MODE_BASE:-ci}-run\n`,
};

const withoutFiles = (json: string): unknown => ({ ...(JSON.parse(json) as object), files: undefined });

describe('pond config prints a pond.yaml', () => {
  it('that pond validates and resolves to the same configuration', async () => {
    const dir = await projectDir(files);
    const original = await pond(['-f', 'pond.yaml', '-f', 'pond.ci.yaml', 'config', '--format', 'json'], { cwd: dir });
    const text = await pond(['-f', 'pond.yaml', '-f', 'pond.ci.yaml', 'config'], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    await fs.writeFile(path.join(dir, 'resolved.yaml'), text.stdout);
    const env = { API_TOKEN: LITERAL };
    const validate = await pond(['validate', '-f', 'resolved.yaml'], { cwd: dir, env });
    expect(validate.code, validate.stderr + text.stdout).toBe(0);
    const again = await pond(['-f', 'resolved.yaml', 'config', '--format', 'json'], { cwd: dir, env });
    expect(withoutFiles(again.stdout)).toEqual(withoutFiles(original.stdout));
  });

  it('with secrets as ${VAR} references and never their values', async () => {
    const dir = await projectDir(files);
    const text = await pond(['config'], { cwd: dir });
    expect(text.stdout).toContain('DB_PASSWORD: ${DB_PASSWORD}');
    expect(text.stdout).toContain('DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app');
    expect(text.stdout).toContain('api_token: ${API_TOKEN}');
    expect(text.stderr).toContain('set API_TOKEN');
    const json = await pond(['config', '--format', 'json'], { cwd: dir });
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr]) expect(out).not.toContain('PLANTED');
  });

  it('with a literal $ written as $$', async () => {
    const dir = await projectDir(files);
    const text = await pond(['config'], { cwd: dir });
    expect(text.stdout).toContain('echo $$HOME hello $$$$ world');
  });
});
