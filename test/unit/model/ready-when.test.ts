import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/pipeline.js';
import { readinessOf } from '../../../src/cli/readiness.js';
import { tempDir } from '../../support/temp-dir.js';

async function load(yaml: string) {
  const dir = tempDir('pond-ready-');
  await fs.writeFile(path.join(dir, 'pond.yaml'), yaml);
  return loadProject([path.join(dir, 'pond.yaml')], {});
}

const service = (lines: string): string =>
  `version: 1\nname: demo\nworkloads:\n  web:\n    image: busybox:1.35\n${lines}`;

describe('ready_when', () => {
  it('becomes the health check when there is none, with the defaults and no engine-side exec', async () => {
    const { spec } = await load(service('    ready_when: { log: "compiled successfully", http: { port: 3000 } }\n'));
    const web = spec.workloads[0]!;
    const both = { all: [{ log: 'compiled successfully' }, { http: { port: 3000, path: '/' } }] };
    expect(web.readyWhen).toEqual(both);
    expect(web.health).toEqual({ probe: both, intervalMs: 5000, timeoutMs: 5000, retries: 3, startPeriodMs: 0 });
  });

  it('joins an existing health check: both must pass, the health timings stay', async () => {
    const { spec } = await load(
      service('    health: { exec: "true", interval: 2s }\n    ready_when: { log: "ready" }\n'),
    );
    expect(spec.workloads[0]!.health).toMatchObject({
      probe: { all: [{ exec: ['sh', '-c', 'true'] }, { log: 'ready' }] },
      intervalMs: 2000,
    });
  });

  it('an empty ready_when is a located error', async () => {
    await expect(load(service('    ready_when: {}\n'))).rejects.toMatchObject({
      diagnostics: [{ code: 'ready-when', location: { line: 6 } }],
    });
  });
});

describe('readinessOf (what ps shows)', () => {
  it('starting until the log line, ready after it, responding while HTTP answers', () => {
    expect(readinessOf(false, undefined)).toBe('starting');
    expect(readinessOf(true, undefined)).toBe('ready');
    expect(readinessOf(false, true)).toBe('starting');
    expect(readinessOf(true, true)).toBe('responding');
    expect(readinessOf(true, false)).toBe('not responding');
    expect(readinessOf(undefined, false)).toBe('starting');
    expect(readinessOf(undefined, true)).toBe('responding');
  });
});
