import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pondYaml } from '../../../bench/stack-files.js';
import { dependencies } from '../../../bench/stack.js';

describe('bench stack files', () => {
  it("write no YAML aliases, so 5000 services stay under pond's alias limit", () => {
    expect(pondYaml(1000, 0)).not.toMatch(/[&*]a\d/);
  });

  it("give every service the depends_on of the floor's dependency tree", () => {
    const doc = parse(pondYaml(20, 0)) as { workloads: Record<string, { depends_on?: string[] }> };
    const written = new Map(Object.entries(doc.workloads).map(([k, w]) => [k, w.depends_on ?? []]));
    expect(written).toEqual(dependencies(20));
  });
});
