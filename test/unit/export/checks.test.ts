import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/export/types.js';
import { apiServerProblems, schemaProblem } from '../../support/kube-checks.js';

const deployment = (name: string, container: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: {} },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c', ...container }] } } },
});

describe('the checks the export tests rely on can fail', () => {
  it('the OpenAPI validation refuses a port that is not a number', () => {
    expect(schemaProblem(deployment('ok', { ports: [{ containerPort: 'http' }] }))).toMatch(/must be integer/);
  });

  it('a name that is not DNS-1123 is refused, though the schema lets it through', () => {
    const bad = deployment('Bad_Name', {});
    expect([schemaProblem(bad), apiServerProblems(bad)]).toEqual([
      undefined,
      ['Deployment/Bad_Name: name not DNS-1123'],
    ]);
  });

  it('port 70000 is refused, though the schema lets it through', () => {
    const bad = deployment('ok', { ports: [{ containerPort: 70000 }] });
    expect(apiServerProblems(bad)).toEqual([
      'Deployment/ok: /spec/template/spec/containers/0/ports/0/containerPort = 70000 is not a port',
    ]);
  });

  it('a field Kubernetes does not know is refused, though the schema lets it through', () => {
    const bad = deployment('ok', { imagee: 'busybox' });
    expect([schemaProblem(bad), apiServerProblems(bad)]).toEqual([
      undefined,
      ['Deployment/ok: unknown field spec.template.spec.containers[].imagee'],
    ]);
  });
});
