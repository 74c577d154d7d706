import { describe, expect, it } from 'vitest';
import { exportProject } from '../../../src/export/index.js';
import { errorsOf, tempProject } from '../../support/project.js';
import { containerIn, find, kubeOf } from './helpers.js';

const CANARY = 'canary-Zq81vX3';
const BOT_CANARY = 'bot-canary-77Hd0';
const WORKLOADS = `
  db: { kind: database, engine: postgres, version: "15", password: "${CANARY}" }
  app:
    image: busybox:1.35
    env: { DATABASE_URL: "\${workloads.db.url}", API_TOKEN: "${CANARY}-token", MODE: plain }
  bot: { kind: bot, runtime: python3.11, code: bots/b, config: { api_key: "${BOT_CANARY}" } }
`;
const FILES = { 'bots/b/main.py': 'print(1)\n' };
const load = async () => (await tempProject(WORKLOADS, FILES)).load();
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secrets in an export', () => {
  it.each(['kube', 'compose'] as const)(
    '--format %s writes no secret value by default, in clear or base64',
    async (format) => {
      const { text } = exportProject(await load(), { format, includeSecrets: false });
      for (const secret of [CANARY, BOT_CANARY]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(b64(secret).slice(0, 12));
      }
    },
  );

  it('by default a workload reads its secrets from a Secret the output tells how to create, and writes none', async () => {
    const { text, objects } = kubeOf(await load());
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(text).toContain('kubectl create secret generic app-env -n demo --from-literal=API_TOKEN="$API_TOKEN"');
    const env = containerIn(find(objects, 'Deployment', 'app')).env;
    expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom).toEqual({
      secretKeyRef: { name: 'app-env', key: 'DATABASE_URL' },
    });
  });

  it('with --include-secrets the values are in Secret objects, base64 as Kubernetes wants', async () => {
    const { objects } = kubeOf(await load(), true);
    expect((find(objects, 'Secret', 'app-env').data as Record<string, string>).API_TOKEN).toBe(b64(`${CANARY}-token`));
  });

  it('a value that is not secret stays in the manifest', async () => {
    const env = containerIn(find(kubeOf(await load()).objects, 'Deployment', 'app')).env;
    expect(env.find((e) => e.name === 'MODE')).toEqual({ name: 'MODE', value: 'plain' });
  });
});

describe('a secret value outside env is refused, never written', () => {
  const codesOf = (p: Promise<unknown>) => errorsOf(p);

  it.each(['kube', 'compose'] as const)('--format %s: a secret variable in a command', async (format) => {
    const p = await tempProject('  app: { image: "busybox:1.35", command: [sh, -c, "echo ${API_TOKEN}"] }\n');
    const project = await p.load({ API_TOKEN: CANARY });
    const errors = await codesOf(
      Promise.resolve().then(() => exportProject(project, { format, includeSecrets: false })),
    );
    expect(errors.map((e) => e.replace(/^\S+ /, ''))).toEqual([
      expect.stringMatching(/^export-secret: workload app: a secret value would be written in clear in /),
    ]);
  });

  it("a database's password inside a file that would become a ConfigMap", async () => {
    const p = await tempProject(
      `  db: { kind: database, engine: postgres, version: "15", password: "${CANARY}" }\n  app: { image: "busybox:1.35", volumes: ["./conf:/conf:ro"] }\n`,
      { 'conf/app.ini': `password=${CANARY}\n` },
    );
    const project = await p.load();
    const errors = await codesOf(
      Promise.resolve().then(() => exportProject(project, { format: 'kube', includeSecrets: false })),
    );
    expect(errors).toEqual([
      expect.stringContaining(
        'export-secret: workload app: a secret value would be written in clear in ConfigMap app-files-0',
      ),
    ]);
  });
});
