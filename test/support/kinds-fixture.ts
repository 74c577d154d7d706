import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../../src/pipeline.js';

/**
 * A project in a fixed folder (so absolute mount paths are the same on every run) with one workload
 * of each kind that has no new resource default: a service, an ephemeral postgres (fast and
 * durable), a notebook with a fixed token. Their config hashes must not move when defaults are added.
 */
export async function hashesOfKindsWithoutNewDefaults(): Promise<Record<string, string>> {
  const dir = path.join(os.tmpdir(), 'pond-hash-fixture-limits');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'notebooks'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'notebooks/explore.py'), 'import marimo\n');
  fs.writeFileSync(
    path.join(dir, 'pond.yaml'),
    [
      'version: 1',
      'name: fixture',
      'workloads:',
      '  web: { image: "busybox:1.35", command: [httpd, -f], resources: { memory: 64m } }',
      '  plain: { image: "busybox:1.35" }',
      '  scratch: { kind: database, engine: postgres, version: "16" }',
      '  slow: { kind: database, engine: mysql, mode: durable }',
      '  explore: { kind: notebook, notebook: notebooks/explore.py, token: fixed-token }',
      '',
    ].join('\n'),
  );
  try {
    const { desired } = await loadProject([path.join(dir, 'pond.yaml')], {});
    return Object.fromEntries(desired.containers.map((c) => [c.workload, c.hash]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
