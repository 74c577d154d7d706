import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/config/format.js';
import type { ConfigError } from '../../src/errors.js';
import { loadProject } from '../../src/pipeline.js';
import { diffSpecs } from '../../src/plan/diff.js';
import { isSecretValue, isSensitiveName } from '../../src/secrets.js';
import { tempDir } from '../support/temp-dir.js';

async function load(yaml: string, env: Record<string, string> = {}) {
  const dir = tempDir('pond-secrets-');
  await fs.writeFile(path.join(dir, 'pond.yaml'), yaml);
  return loadProject([path.join(dir, 'pond.yaml')], env);
}

describe('secrets never reach an output', () => {
  it('a secret variable used in a URL, a command or a label is hidden wherever it lands', async () => {
    const project = await load(
      `version: 1
workloads:
  app:
    image: busybox:1.35
    command: [sh, -c, "echo \${ADMIN_PASSWORD} > /tmp/x"]
    labels: { conn: "u:\${ADMIN_PASSWORD}@h" }
    env:
      DATABASE_URL: postgres://u:\${ADMIN_PASSWORD}@db/app
`,
      { ADMIN_PASSWORD: 'hunter2-xyz' },
    );
    const c = project.desired.containers[0]!;
    expect(project.spec.workloads[0]!.sensitive).toEqual(['DATABASE_URL']);
    expect(JSON.stringify(c.display)).not.toContain('hunter2');
    expect(c.spec.labels['dev.pond.spec']).not.toContain('hunter2');
    expect(c.spec.env.DATABASE_URL).toBe('postgres://u:hunter2-xyz@db/app');
  });

  it('an interpolated env value keeps its text: PIN=0123 stays "0123"', async () => {
    const project = await load(
      'version: 1\nworkloads:\n  app:\n    image: busybox:1.35\n    env:\n      PIN: ${PIN}\n      ON: ${ON}\n',
      { PIN: '0123', ON: 'true' },
    );
    expect(project.spec.workloads[0]!.env).toEqual({ PIN: '0123', ON: 'true' });
  });

  it('an error about a secret value does not quote it', async () => {
    const error = (await load(
      'version: 1\nworkloads:\n  a:\n    image: busybox:1.35\n    env:\n      DB_PASSWORD: 918273\n',
    ).catch((e: unknown) => e)) as ConfigError;
    const text = error.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(text).toContain('env.DB_PASSWORD in workload "a" must be a string, not (sensitive: a number)');
    expect(text).not.toContain('918273');
  });
});

describe('which names and values are secret', () => {
  it.each([
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWD',
    'SMTP_PASS',
    'GITHUB_TOKEN',
    'GH_PAT',
    'GITHUB_PAT',
    'githubToken',
    'AUTH_TOKEN',
    'CLIENT_SECRET',
    'SESSION_SECRET',
    'COOKIE_SECRET',
    'SECRET_KEY_BASE',
    'API_KEY',
    'APIKEY',
    'apiKey',
    'X-Api-Key',
    'AWS_SECRET_ACCESS_KEY',
    'ACCESS_KEY',
    'SSH_PRIVATE_KEY',
    'PRIVATEKEY',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'credentials',
    'AUTHORIZATION',
    'BEARER',
    'BASIC_AUTH',
    'SENTRY_DSN',
    'JWT_SECRET',
    'token',
    'password',
    'SESSION_COOKIE',
    'PASSPHRASE',
  ])('%s is a secret name', (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });

  it.each([
    'KEYBOARD_LAYOUT',
    'MONKEY_MODE',
    'TOKENIZER',
    'AUTHOR',
    'AUTH_URL',
    'OAUTH_CALLBACK_URL',
    'PAT_EXPIRY_DAYS',
    'COOKIE_DOMAIN',
    'PASSENGER_COUNT',
    'pass_env',
    'DATABASE_URL',
    'LOG_LEVEL',
    'COMPASS',
  ])('%s is not a secret name', (name) => {
    expect(isSensitiveName(name)).toBe(false);
  });

  it.each(['postgres://app:hunter2@db:5432/app', 'redis://:pw@cache', 'mysql+pymysql://u:p%40ss@h/db'])(
    '%s is secret whatever its name',
    (value) => {
      expect(isSecretValue(value)).toBe(true);
    },
  );

  it.each(['postgres://app@db/app', 'http://example.com/a:b@c', 'https://host:8080/path', 'user:pass'])(
    '%s is not a secret value',
    (value) => {
      expect(isSecretValue(value)).toBe(false);
    },
  );

  it('an env value shaped like a URL with a password is hidden under an innocent name, and so is its password elsewhere', async () => {
    const project = await load(
      'version: 1\nworkloads:\n  app:\n    image: busybox:1.35\n    command: [echo, s3cr3t-pw]\n    env:\n      WAREHOUSE: postgres://u:s3cr3t-pw@db/app\n',
    );
    const c = project.desired.containers[0]!;
    expect(project.spec.workloads[0]!.sensitive).toEqual(['WAREHOUSE']);
    expect(c.spec.labels['dev.pond.spec']).not.toContain('s3cr3t-pw');
  });
});

describe("a bot's config: secret keys are redacted, the bot gets the real values", () => {
  const bot = (config: string) =>
    `version: 1\nname: demo\nworkloads:\n  b:\n    kind: bot\n    runtime: python3.11\n    code: ./bot\n    config: ${config}\n`;
  async function loadBot(config: string, dir?: string) {
    dir ??= tempDir('pond-secrets-');
    await fs.mkdir(path.join(dir, 'bot'), { recursive: true });
    await fs.writeFile(path.join(dir, 'bot/main.py'), 'print(1)\n');
    await fs.writeFile(path.join(dir, 'pond.yaml'), bot(config));
    return loadProject([path.join(dir, 'pond.yaml')], {});
  }
  const config =
    '{ symbol: BTC, api_token: tok-PLANTED-1, exchange: { apiKey: k9, url: "https://x" }, pin: { password: 42 } }';

  it('the display and the spec label hold no secret config value, nested or short, and keep the others', async () => {
    const c = (await loadBot(config)).desired.containers[0]!;
    const label = c.spec.labels['dev.pond.spec']!;
    for (const secret of ['tok-PLANTED-1', '"k9"', ':42']) expect(label).not.toContain(secret);
    expect(c.display.config).toMatchObject({
      symbol: 'BTC',
      api_token: expect.stringMatching(/^\(sensitive\)/),
      exchange: { apiKey: expect.stringMatching(/^\(sensitive\)/), url: 'https://x' },
      pin: { password: expect.stringMatching(/^\(sensitive\)/) },
    });
  });

  it('the bot still receives the real values in POND_CONFIG', async () => {
    const c = (await loadBot(config)).desired.containers[0]!;
    expect(JSON.parse(c.spec.env.POND_CONFIG!)).toEqual({
      symbol: 'BTC',
      api_token: 'tok-PLANTED-1',
      exchange: { apiKey: 'k9', url: 'https://x' },
      pin: { password: 42 },
    });
  });

  it('a changed secret config value shows only "(sensitive) changed" in a plan', async () => {
    const dir = tempDir('pond-secrets-');
    const before = (await loadBot(config, dir)).desired.containers[0]!;
    const after = (await loadBot(config.replace('tok-PLANTED-1', 'tok-PLANTED-2'), dir)).desired.containers[0]!;
    expect(diffSpecs(JSON.parse(before.spec.labels['dev.pond.spec']!), after.display)).toEqual([
      'config.api_token: (sensitive) changed',
    ]);
  });
});

describe('no error message echoes a secret value', () => {
  const diagnostics = async (yaml: string, env: Record<string, string> = {}) => {
    const error = (await load(`version: 1\nworkloads:\n${yaml}`, env).catch((e: unknown) => e)) as ConfigError;
    expect(error.diagnostics?.length).toBeGreaterThan(0);
    return error.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
  };

  it("a database's password of the wrong type is described by its type", async () => {
    const text = await diagnostics('  db:\n    kind: database\n    engine: postgres\n    password: 86420135\n');
    expect(text).not.toContain('86420135');
    expect(text).toContain('(sensitive: a number)');
  });

  it('a secret variable interpolated into a port is described by its shape, not quoted', async () => {
    const text = await diagnostics('  a:\n    image: busybox:1.35\n    ports: ["${API_TOKEN}"]\n', {
      API_TOKEN: 'zz-PLANTED-77',
    });
    expect(text).toContain('not (sensitive: a 13-character string)');
    expect(text).not.toContain('PLANTED');
  });

  it('a malformed env item under a secret name is not quoted', async () => {
    const text = await diagnostics('  a:\n    image: busybox:1.35\n    env: ["GITHUB_TOKEN ghp-PLANTED-1"]\n');
    expect(text).toContain(
      'env[0] in workload "a" must be a "NAME=value" string, not (sensitive: a 26-character string)',
    );
    expect(text).not.toContain('PLANTED');
  });

  it('a URL carrying a password, where a port belongs, is not quoted', async () => {
    const text = await diagnostics('  a:\n    image: busybox:1.35\n    ports: ["postgres://u:pw-PLANTED@h"]\n');
    expect(text).toContain('ports[0] in workload "a" must be a port');
    expect(text).not.toContain('PLANTED');
  });

  it('a model-stage error (an unknown database version) does not quote a secret variable it was given', async () => {
    const text = await diagnostics('  db:\n    kind: database\n    engine: postgres\n    version: "${PG_TOKEN}"\n', {
      PG_TOKEN: 'zz-PLANTED-99',
    });
    expect(text).toContain('postgres version (sensitive: a 13-character string) is not one pond has a preset for');
    expect(text).not.toContain('PLANTED');
  });

  it('a short secret value does not blank out the same text in an unrelated message', async () => {
    const text = await diagnostics(
      '  a:\n    image: busybox:1.35\n    resources: { memory: "1x" }\n    env: { GH_PAT: "1x" }\n',
    );
    expect(text).toContain(
      'resources.memory in workload "a" must be a size such as "256m", "1.5g" or a number of bytes, or none for no limit, not "1x"',
    );
  });
});
