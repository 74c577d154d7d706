import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KIND, KINDS } from '../../../src/workloads/registry.js';

const WORKLOADS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/workloads');

describe('the kind registry', () => {
  it('lists every kind folder (one holding a schema.json part) exactly once, under the folder name', () => {
    const folders = fs
      .readdirSync(WORKLOADS)
      .filter((f) => fs.existsSync(path.join(WORKLOADS, f, 'schema.json')))
      .sort();
    expect(KINDS.map((k) => k.name).sort()).toEqual(folders);
  });

  it('makes service, the escape hatch, the kind of a workload without kind:', () => {
    expect(DEFAULT_KIND).toBe('service');
  });
});
