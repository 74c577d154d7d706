import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenario } from './helpers/scenario.js';

/** The bot's api_token, written literally in testdata/config-yaml/pond.yaml (the dotenv's DB_PASSWORD is PLANTED too). */
const LITERAL = 'literal-PLANTED-44af';
const s = scenario('config-yaml');

const withoutFiles = (json: string): unknown => ({ ...(JSON.parse(json) as object), files: undefined });

describe('pond config prints a pond.yaml', () => {
  it('that pond validates and resolves to the same configuration', async () => {
    const original = await s.pond(['-f', 'pond.yaml', '-f', 'pond.ci.yaml', 'config', '--format', 'json']);
    const text = await s.pond(['-f', 'pond.yaml', '-f', 'pond.ci.yaml', 'config']);
    expect(text.code, text.stderr).toBe(0);
    await fs.writeFile(s.at('resolved.yaml'), text.stdout);
    const env = { API_TOKEN: LITERAL };
    const validate = await s.pond(['validate', '-f', 'resolved.yaml'], env);
    expect(validate.code, validate.stderr + text.stdout).toBe(0);
    const again = await s.pond(['-f', 'resolved.yaml', 'config', '--format', 'json'], env);
    expect(withoutFiles(again.stdout)).toEqual(withoutFiles(original.stdout));
  });

  it('with secrets as ${VAR} references and never their values', async () => {
    const text = await s.pond(['config']);
    expect(text.stdout).toContain('DB_PASSWORD: ${DB_PASSWORD}');
    expect(text.stdout).toContain('DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app');
    expect(text.stdout).toContain('api_token: ${API_TOKEN}');
    expect(text.stderr).toContain('set API_TOKEN');
    const json = await s.pond(['config', '--format', 'json']);
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr]) expect(out).not.toContain('PLANTED');
  });

  it('with a literal $ written as $$', async () => {
    const text = await s.pond(['config']);
    expect(text.stdout).toContain('echo $$HOME hello $$$$ world');
  });
});
