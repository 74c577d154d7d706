import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../../src/export/index.js';
import type { KubeObject } from '../../src/export/types.js';
import { loadProject, type Project } from '../../src/pipeline.js';
import { schemaProblem } from '../support/kube-checks.js';
import { kubeServerMissing, startKubeServer, type KubeServer } from '../support/kube-server.js';

// A real kube-apiserver (scripts/kube-apiserver.sh) judges `pond export --format kube`: the offline schema
// check (test/unit/export/) knows types, not the server's value and name rules.
const missing = kubeServerMissing();
if (missing) console.log(`kube-server: skipped: ${missing}`);

const ROOTS = ['examples', 'test/e2e/testdata', 'test/fixtures'];

function pondFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const at = path.join(dir, e.name);
      return e.isDirectory() ? pondFiles(at) : e.name === 'pond.yaml' ? [at] : [];
    })
    .sort();
}

type Mode = 'default' | '--include-secrets';

/** One export of a project: the default (no Secret objects, secretKeyRefs to create) or with its Secrets. */
interface Exported {
  file: string;
  mode: Mode;
  text: string;
}

function exported(project: Project, mode: Mode): string | undefined {
  try {
    return exportProject(project, { format: 'kube', includeSecrets: mode === '--include-secrets' }).text;
  } catch {
    return undefined;
  }
}

/** Each project's manifests in each mode it exports in (some projects are there to be refused). */
async function exports(): Promise<Exported[]> {
  const out: Exported[] = [];
  for (const file of ROOTS.flatMap(pondFiles)) {
    const project = await loadProject([file], {}).catch(() => undefined);
    if (!project) continue;
    for (const mode of ['default', '--include-secrets'] as const) {
      const text = exported(project, mode);
      if (text !== undefined) out.push({ file, mode, text });
    }
  }
  return out;
}

const EXPORTS = missing ? [] : await exports();

const documents = (text: string): string[] => text.split(/^---$/m).filter((d) => /^kind: /m.test(d));

/**
 * Kubernetes 1.20 serves CronJob as batch/v1beta1 only (batch/v1 came in 1.21) with the same fields, so for
 * this check alone a batch/v1 CronJob is sent as batch/v1beta1; the export itself keeps batch/v1.
 */
function for120(text: string): string {
  return documents(text)
    .map((d) => (/^kind: CronJob$/m.test(d) ? d.replace(/^apiVersion: batch\/v1$/m, 'apiVersion: batch/v1beta1') : d))
    .join('---');
}

function namespaces(texts: string[]): string {
  return texts.flatMap((t) => documents(t).filter((d) => /^kind: Namespace$/m.test(d))).join('---');
}

const dryRun = ['apply', '--dry-run=server', '-f', '-'];

describe.skipIf(!!missing)('kube export against kube-apiserver 1.20 (scripts/kube-apiserver.sh)', () => {
  let server: KubeServer;

  beforeAll(async () => {
    server = await startKubeServer();
    // Objects of a namespace that does not exist are refused even in a dry run: create the namespaces for real.
    const created = await server.kubectl(['apply', '-f', '-'], namespaces(EXPORTS.map((e) => e.text)));
    if (created.code !== 0) throw new Error(`creating the namespaces failed: ${created.stderr}`);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('finds every example and the kube-edges fixture among the projects that export, in both modes', () => {
    const wanted = [...pondFiles('examples'), 'test/fixtures/kube-edges/pond.yaml'];
    expect(wanted.length).toBeGreaterThan(1);
    expect(wanted.filter((f) => EXPORTS.filter((e) => e.file === f).length !== 2)).toEqual([]);
  });

  it.each(EXPORTS)('$file ($mode): its export is accepted by kubectl apply --dry-run=server', async ({ text }) => {
    const result = await server.kubectl(dryRun, for120(text));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(documents(text).length);
  });

  describe('catches what the offline schema check lets through', () => {
    const service = (): KubeObject => {
      const { text } = EXPORTS.find((e) => e.file === 'examples/quickstart/pond.yaml')!;
      const found = parseAllDocuments(text)
        .map((d) => d.toJS() as KubeObject)
        .find((o) => o.kind === 'Service');
      if (!found) throw new Error('the quickstart exports no Service');
      return found;
    };

    it('refuses a Service port of 70000 that kubernetes-models accepts', async () => {
      const o = service();
      (o.spec as { ports: { port: number }[] }).ports[0]!.port = 70000;
      expect(schemaProblem(o)).toBeUndefined();
      const result = await server.kubectl(dryRun, stringify(o));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('spec.ports[0].port');
    });

    it('refuses a Service name with an uppercase letter that kubernetes-models accepts', async () => {
      const o = service();
      o.metadata.name = 'Web';
      expect(schemaProblem(o)).toBeUndefined();
      const result = await server.kubectl(dryRun, stringify(o));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('metadata.name');
    });
  });
});
