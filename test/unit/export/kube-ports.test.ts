import { describe, expect, it } from 'vitest';
import { tempProject } from '../../support/project.js';
import { find, kubeOf } from './helpers.js';

const WEB = '  web: { image: "busybox:1.35", ports: ["8080:80", "8081:80", "53:53/udp", "5353:53/tcp"] }\n';

describe('ports of the kube export', () => {
  const objects = async () => kubeOf(await (await tempProject(WEB)).load()).objects;

  it('two host ports onto one container port are one Service port, as the API server refuses a duplicate', async () => {
    const svc = find(await objects(), 'Service', 'web').spec as { ports: { name: string }[] };
    expect(svc.ports.map((p) => p.name)).toEqual(['tcp-80', 'udp-53', 'tcp-53']);
  });

  it('the container lists each container port and protocol once', async () => {
    const pod = (find(await objects(), 'Deployment', 'web').spec as { template: { spec: { containers: unknown[] } } })
      .template.spec;
    const ports = (pod.containers[0] as { ports: { containerPort: number; protocol: string }[] }).ports;
    expect(ports.map((p) => `${p.containerPort}/${p.protocol}`)).toEqual(['80/TCP', '53/UDP', '53/TCP']);
  });
});
