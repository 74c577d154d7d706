import { describe, expect, it } from 'vitest';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('failures');
const { project } = s;

describe('failures during apply', () => {
  it('a failed pull names the image, skips its dependents, still runs the rest and exits 1', async () => {
    const up = await s.pond(['up', '--wait-timeout', '20s']);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('pond-test/no-such-image:1');
    expect(up.stderr).toMatch(/create app: skipped: db failed/);
    expect(up.stderr).toMatch(/crash exited with code 3 before it was ready/);
    expect(up.stderr).toContain('boom-before-ready');
    expect(up.stderr.match(/error: create db failed/g)).toHaveLength(1);
    const seen = await containers(project);
    expect(seen.app).toBeUndefined();
    expect(seen.standalone!.state).toBe('running');
  });
});
