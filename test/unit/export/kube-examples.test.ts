import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LABEL } from '../../../src/labels.js';
import { loadProject } from '../../../src/pipeline.js';
import { apiServerProblems, schemaProblem } from '../../support/kube-checks.js';
import { kubeOf } from './helpers.js';

const EXAMPLES = fs
  .readdirSync('examples')
  .filter((d) => fs.existsSync(path.join('examples', d, 'pond.yaml')))
  .sort();

describe.each(EXAMPLES)('examples/%s exported for Kubernetes', (example) => {
  const load = () => loadProject([path.join('examples', example, 'pond.yaml')], {});

  it('passes the Kubernetes OpenAPI schema, object by object', async () => {
    const { objects } = kubeOf(await load());
    expect(objects.length).toBeGreaterThan(1);
    expect(objects.map(schemaProblem).filter(Boolean)).toEqual([]);
  });

  it('has only names, ports, labels and fields the API server accepts', async () => {
    const { objects } = kubeOf(await load());
    expect(objects.flatMap(apiServerProblems)).toEqual([]);
  });

  it("carries pond's project label on every object", async () => {
    const project = await load();
    const { objects } = kubeOf(project);
    expect(objects.filter((o) => o.metadata.labels[LABEL.project] !== project.spec.name)).toEqual([]);
  });

  it('names no path of this machine, so another checkout exports the same file', async () => {
    const project = await load();
    expect(kubeOf(project).text).not.toContain(path.resolve('.'));
  });

  it('is byte-identical on a second export', async () => {
    expect(kubeOf(await load()).text).toBe(kubeOf(await load()).text);
  });
});

it('examples include every kind pond has, so the tests above cover each', async () => {
  const kinds = new Set<string>();
  for (const e of EXAMPLES)
    for (const w of (await loadProject([path.join('examples', e, 'pond.yaml')], {})).spec.workloads) kinds.add(w.kind);
  expect([...kinds].sort()).toEqual(['bot', 'database', 'notebook', 'query', 'service']);
});
