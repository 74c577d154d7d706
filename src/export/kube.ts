import { ConfigError } from '../errors.js';
import { Reporter } from '../model/report.js';
import type { Project } from '../pipeline.js';
import { mixesProtocolsBehindBalancer } from './controllers.js';
import { exportedWorkloads, secretsOf } from './inputs.js';
import { refuseKindNames } from './kind-names.js';
import { pieceOf, refuseLeaks } from './leaks.js';
import { labelsOf, metaOf, object, type Owner } from './meta.js';
import { dnsName, workloadNames } from './names.js';
import { refuseUnexportable } from './refusals.js';
import { splitEnv } from './secret-env.js';
import type { KubeObject } from './types.js';
import { workloadObjects } from './workload.js';

const STORAGE_REQUEST = '1Gi';

/**
 * The project as Kubernetes objects, in a fixed order (Namespace, claims, then each workload by name),
 * so that two exports of one project are byte-identical. Throws a ConfigError (exit 3) with every
 * workload that cannot be exported, placed at its key in pond.yaml; warnings come back with the objects.
 */
export function kubeObjects(project: Project, includeSecrets: boolean): { objects: KubeObject[]; report: Reporter } {
  const report = new Reporter(project.config);
  const namespace = dnsName(project.spec.name);
  if (!namespace) report.error(['name'], 'export-name', `project ${project.spec.name}: no Kubernetes namespace fits`);
  const items = exportedWorkloads(project);
  const names = workloadNames(
    items.map((i) => i.w.name),
    report,
  );
  refuseKindNames(items, names, report);
  refuseUnexportable(
    items,
    project.spec.volumes.map((v) => v.name),
    report,
  );
  if (report.failed) throw new ConfigError(report.diagnostics);
  const base: Owner = { namespace: namespace!, project: project.spec.name };
  const secrets = secretsOf(project);
  const objects: KubeObject[] = [object('v1', 'Namespace', { name: namespace!, labels: labelsOf(base) }, {})];
  const claims = new Set<string>();
  const perWorkload: KubeObject[] = [];
  for (const { w, task, awaitedToComplete } of items) {
    const owner = { ...base, workload: w.name, kind: w.kind };
    const env = splitEnv(task.env, w.sensitive, secrets);
    const name = names.get(w.name)!;
    const built = workloadObjects({
      w,
      task,
      name,
      owner,
      env,
      projectDir: project.spec.dir,
      awaitedToComplete,
      includeSecrets,
    });
    perWorkload.push(...built.objects);
    if (w.kind !== 'database') for (const c of built.claims) claims.add(c);
    for (const lost of built.lost) report.warn(['workloads', w.name], 'export-lost', `workload ${w.name}: ${lost}`);
    if (mixesProtocolsBehindBalancer(built.objects))
      report.warn(
        ['workloads', w.name, 'ports'],
        'export-version',
        `workload ${w.name}: its public Service mixes TCP and UDP, which a LoadBalancer takes from Kubernetes 1.26 on`,
        'on an older cluster, give the UDP ports a Service of their own',
      );
    if (name !== w.name && task.ports.length)
      report.warn(
        ['workloads', w.name],
        'export-renamed',
        `workload ${w.name}: its Service is named ${name}; a URL or host that names it ${w.name} does not resolve in the cluster`,
        `rename the workload ${name} to keep one name in both places`,
      );
  }
  const external = new Set(project.spec.volumes.filter((v) => v.external).map((v) => dnsName(v.name)));
  for (const claim of [...claims].sort()) if (!external.has(claim)) objects.push(claimObject(claim, base));
  if (!includeSecrets) refuseLeaks(perWorkload.map(pieceOf), secrets, report);
  if (report.failed) throw new ConfigError(report.diagnostics);
  return { objects: [...objects, ...perWorkload], report };
}

/** A named volume used by workloads other than databases: one claim, shared by name. */
function claimObject(claim: string, owner: Owner): KubeObject {
  return object('v1', 'PersistentVolumeClaim', metaOf(claim, owner), {
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: STORAGE_REQUEST } } },
  });
}
