import { describe, expect, it } from 'vitest';
import { docker, eventually } from '../integration/helpers/docker.js';
import { containers } from './helpers/pond.js';
import { scenario } from './helpers/scenario.js';

const s = scenario('watch-exit');
const { project } = s;

describe('pond up --watch --down-on-exit', () => {
  it('tears the stack down when watching stops, keeping named volumes', async () => {
    let output = '';
    const child = s.start(['up', '--watch', '--down-on-exit']);
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await eventually(() => expect(output).toContain('watching'), { timeoutMs: 20_000 });
    expect((await containers(project)).app!.state).toBe('running');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await containers(project)).toEqual({});
    expect(await docker('volume', 'ls', '-q', '--filter', `label=dev.pond.project=${project}`)).toBe(`${project}_data`);
  });
});
