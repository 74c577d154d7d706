import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';
import { errorsOf, failures, project } from './helpers.js';

describe('loadConfig', () => {
  it('reports a missing file with a hint about -f', async () => {
    const dir = await project({});
    expect(await failures(dir, ['missing.yaml'])).toEqual([
      `error[file-not-found]: config file "${dir}/missing.yaml" does not exist\n  hint: run pond in the folder that holds pond.yaml, or name the file: pond -f path/to/pond.yaml`,
    ]);
  });

  it('throws one ConfigError (exit code 3) carrying every problem, sorted by position', async () => {
    const text = [
      'version: 1',
      'workloads:',
      '  web:',
      '    imgae: nginx',
      '    env:',
      '      PORT: 8080',
      '      SECRET: ${SECRET}',
      '    restart: alway',
      'extra: 1',
      '',
    ].join('\n');
    expect(await errorsOf(text)).toEqual([
      'pond.yaml:4:5 error[unknown-key]: unknown key "imgae" in workload "web"\n  hint: did you mean "image"?',
      'pond.yaml:6:13 error[type]: env.PORT in workload "web" must be a string, not the number 8080\n  hint: quote it: "8080"',
      'pond.yaml:7:15 error[unset-variable]: variable "SECRET" is not set\n  hint: export SECRET=... or add SECRET=... to the .env file beside your pond file, or give a default: ${SECRET:-value}',
      'pond.yaml:8:14 error[enum]: restart in workload "web" must be one of no, always, unless-stopped or on-failure, not "alway"\n  hint: did you mean "always"?',
      'pond.yaml:9:1 error[unknown-key]: unknown key "extra" at the top level\n  hint: allowed keys: version, name, engine, registry, workloads, volumes',
    ]);
    const error = await loadConfig({ files: [`${await project({ 'pond.yaml': text })}/pond.yaml`], env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(3);
    expect((error as ConfigError).diagnostics).toHaveLength(5);
  });

  it('reports a bad .env line beside the config', async () => {
    const dir = await project({ 'pond.yaml': 'version: 1\nworkloads: {}\n', '.env': 'OK=1\noops\n' });
    expect(await failures(dir)).toEqual([
      '.env:2:1 error[dotenv-syntax]: cannot read this line of .env\n  hint: write KEY=VALUE; quote values with spaces: KEY="a value"',
    ]);
  });
});

describe('loadConfig: where variables and files come from', () => {
  const yaml = 'version: 1\nworkloads:\n  web:\n    image: ${IMG}\n    env: { A: "${A}" }\n';

  it('--env-file replaces the default .env, later files winning', async () => {
    const dir = await project({
      'pond.yaml': yaml,
      '.env': 'IMG=wrong:1\nA=default\n',
      'one.env': 'IMG=one:1\nA=one\n',
      'two.env': 'A=two\n',
    });
    const config = await loadConfig({
      files: [path.join(dir, 'pond.yaml')],
      env: {},
      envFiles: [path.join(dir, 'one.env'), path.join(dir, 'two.env')],
    });
    expect((config.data.workloads as Record<string, { image: string; env: unknown }>).web).toMatchObject({
      image: 'one:1',
      env: { A: 'two' },
    });
  });

  it('a missing --env-file is an error (the default .env may be absent)', async () => {
    const dir = await project({ 'pond.yaml': 'version: 1\nworkloads: { web: { image: busybox:1.35 } }\n' });
    await expect(
      loadConfig({ files: [path.join(dir, 'pond.yaml')], env: {}, envFiles: [path.join(dir, 'nope.env')] }),
    ).rejects.toThrow(ConfigError);
  });

  it('stdin is read from the bytes given and named <stdin> in positions', async () => {
    try {
      await loadConfig({
        files: ['<stdin>'],
        env: {},
        dir: '/tmp',
        stdin: Buffer.from('version: 1\nworkloads:\n  web:\n    imag: busybox:1.35\n'),
      });
    } catch (e) {
      expect((e as ConfigError).diagnostics[0]?.location).toMatchObject({ file: '<stdin>', line: 4, col: 5 });
      return;
    }
    throw new Error('expected a ConfigError');
  });

  it('dir sets the project folder that relative paths and .env come from', async () => {
    const dir = await project({ '.env': 'IMG=from-dir:1\nA=a\n' });
    const config = await loadConfig({ files: ['<stdin>'], env: {}, dir, stdin: Buffer.from(yaml) });
    expect(config.dir).toBe(dir);
    expect((config.data.workloads as Record<string, { image: string }>).web!.image).toBe('from-dir:1');
  });
});
