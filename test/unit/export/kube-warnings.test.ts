import { expect, it } from 'vitest';
import { exportProject } from '../../../src/export/index.js';
import { tempProject } from '../../support/project.js';

it('what does not carry over is a warning placed at the workload in pond.yaml', async () => {
  const p = await tempProject('  web:\n    image: busybox:1.35\n    ready_when: { log: listening }\n');
  const { warnings } = exportProject(await p.load(), { format: 'kube', includeSecrets: false });
  expect(warnings.map((w) => `${w.location?.line}:${w.location?.col} ${w.severity} ${w.message}`)).toEqual([
    '4:3 warning workload web: readiness log "listening" (Kubernetes has no log probe)',
  ]);
});

it('a workload whose Service had to be renamed is a warning: references by its pond name would not resolve', async () => {
  const p = await tempProject('  my_db:\n    image: postgres:15\n    ports: ["5432"]\n');
  const { warnings } = exportProject(await p.load(), { format: 'kube', includeSecrets: false });
  expect(warnings.map((w) => w.code)).toEqual(['export-renamed']);
});

const warningsOf = async (ports: string) => {
  const p = await tempProject(`  web:\n    image: busybox:1.35\n    ports: ${ports}\n`);
  return exportProject(await p.load(), { format: 'kube', includeSecrets: false }).warnings.map(
    (w) => `${w.location?.line}:${w.location?.col} ${w.code}`,
  );
};

it('a public Service with TCP and UDP ports is a warning: API servers before 1.26 refuse that LoadBalancer', async () => {
  expect(await warningsOf('["53:53/udp", { target: 9000, public: true }]')).toEqual(['6:5 export-version']);
});

it('a public Service of one protocol, or a private one of two, is no warning', async () => {
  expect([
    ...(await warningsOf('[{ target: 9000, public: true }]')),
    ...(await warningsOf('["53:53/udp", "9000"]')),
  ]).toEqual([]);
});
