import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/config/format.js';
import type { ConfigError } from '../../src/errors.js';
import { loadProject } from '../../src/pipeline.js';

async function load(yaml: string, env: Record<string, string> = {}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-secrets-'));
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
    const project = await load('version: 1\nworkloads:\n  app:\n    image: busybox:1.35\n    env:\n      PIN: ${PIN}\n      ON: ${ON}\n', { PIN: '0123', ON: 'true' });
    expect(project.spec.workloads[0]!.env).toEqual({ PIN: '0123', ON: 'true' });
  });

  it('an error about a secret value does not quote it', async () => {
    const error = (await load('version: 1\nworkloads:\n  a:\n    image: busybox:1.35\n    env:\n      DB_PASSWORD: 918273\n').catch((e: unknown) => e)) as ConfigError;
    const text = error.diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(text).toContain('env.DB_PASSWORD in workload "a" must be a string, not (sensitive)');
    expect(text).not.toContain('918273');
  });
});
