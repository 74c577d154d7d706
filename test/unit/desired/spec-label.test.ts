import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/canonical.js';
import { loadProject } from '../../../src/pipeline.js';
import { tempDir } from '../../support/temp-dir.js';

const YAML = `version: 1
workloads:
  web:
    image: busybox:1.35
    command: [sleep, "60"]
    labels: { team: data }
    env: { B: "2", A: "1" }
`;

describe("a desired container's spec label", () => {
  it('is written when first read, as the display spec in canonical JSON, among the labels in their order', async () => {
    const dir = tempDir('pond-spec-label-');
    await fs.writeFile(path.join(dir, 'pond.yaml'), YAML);
    const c = (await loadProject([path.join(dir, 'pond.yaml')], {})).desired.containers[0]!;
    const labels = c.spec.labels;
    expect(Object.getOwnPropertyDescriptor(labels, 'dev.pond.spec')!.get).toBeTypeOf('function');
    expect(labels['dev.pond.spec']).toBe(canonicalJson(c.display));
    expect(labels['dev.pond.spec']).toBe(labels['dev.pond.spec']);
    expect(Object.keys(labels).slice(0, 2)).toEqual(['team', 'dev.pond.project']);
    expect(Object.keys(labels).slice(-4)).toEqual([
      'dev.pond.kind',
      'dev.pond.config-hash',
      'dev.pond.spec',
      'dev.pond.version',
    ]);
    expect(JSON.parse(JSON.stringify(labels))['dev.pond.spec']).toBe(canonicalJson(c.display));
    expect({ ...labels }['dev.pond.spec']).toBe(canonicalJson(c.display));
  });
});
