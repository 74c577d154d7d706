import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProject, docker, eventually, uniqueProject } from '../integration/helpers/docker.js';
import { containers, pondProcess, projectDir } from './helpers/pond.js';

const project = uniqueProject('pond-e2e-wexit');
afterAll(() => cleanupProject(project));

describe('pond up --watch --down-on-exit', () => {
  it('tears the stack down when watching stops, keeping named volumes', async () => {
    const dir = await projectDir({
      'pond.yaml': `version: 1\nname: ${project}\nworkloads:\n  app:\n    image: busybox:1.35\n    command: [sleep, "3600"]\n    volumes: ["data:/data"]\nvolumes:\n  data: {}\n`,
    });
    let output = '';
    const child = pondProcess(['up', '--watch', '--down-on-exit'], { cwd: dir });
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
