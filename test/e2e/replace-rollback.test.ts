import { describe, expect, it } from 'vitest';
import { docker } from '../integration/helpers/docker.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('replace-rollback');
const { project } = s;

describe('a replace whose new container never becomes ready does not leave the workload down', () => {
  it('the replacement is removed and the previous container runs again, same ID, under its name', async () => {
    expect((await s.pond(['up'])).code).toBe(0);
    const before = await docker('inspect', '-f', '{{.Id}}', `${project}-web`);
    s.use('bad');
    const up = await s.pond(['up', '--wait-timeout', '4s']);
    expect(up.code).toBe(124);
    expect(up.stderr).toContain('the previous container runs again');
    const left = (
      await docker(
        'ps',
        '-a',
        '--filter',
        `label=dev.pond.project=${project}`,
        '--format',
        '{{.ID}} {{.Names}} {{.State}}',
      )
    ).split('\n');
    expect(left).toEqual([`${before.slice(0, 12)} ${project}-web running`]);
    expect(await docker('inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', `${project}-web`)).toContain(
      'MODE=good',
    );
  });
});
