import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scenario } from './helpers/scenario.js';

const SECRET = 'e2e-canary-Kx81';
const s = scenario('export', { env: { E2E_SECRET: SECRET } });

describe('pond export (no engine needed)', () => {
  it('--format kube prints parseable YAML documents, one object each, exit 0', async () => {
    s.use();
    const run = await s.pond(['export', '--format', 'kube']);
    expect(run.code, run.stderr).toBe(0);
    const docs = parseAllDocuments(run.stdout);
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    const kinds = docs.map((d) => `${d.get('kind') as string}/${d.getIn(['metadata', 'name']) as string}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['StatefulSet/warehouse', 'CronJob/nightly', 'Job/daily', 'Deployment/web']),
    );
  });

  it('keeps the secret out of the output by default', async () => {
    s.use();
    const run = await s.pond(['export', '--format', 'kube']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('-o FILE writes the Compose file there and nothing on stdout', async () => {
    s.use();
    const run = await s.pond(['export', '--format', 'compose', '-o', 'compose.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(fs.readFileSync(s.at('compose.yaml'), 'utf8')).toMatch(/^services:\n {2}daily:/m);
  });

  it('refuses two workloads with one Kubernetes name: exit 3, a located error, nothing written', async () => {
    s.use('collide');
    const run = await s.pond(['export', '--format', 'kube', '-o', 'out.yaml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/pond\.yaml:4:3 error\[export-name\]: workloads daily-sales and daily_sales/);
    expect(fs.existsSync(s.at('out.yaml'))).toBe(false);
  });
});
