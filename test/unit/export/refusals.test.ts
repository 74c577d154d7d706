import { describe, expect, it } from 'vitest';
import { exportProject } from '../../../src/export/index.js';
import { errorsOf, tempProject } from '../../support/project.js';

const exportOf = async (workloads: string, files: Record<string, string> = {}) => {
  const project = await (await tempProject(workloads, files)).load();
  return Promise.resolve().then(() => exportProject(project, { format: 'kube', includeSecrets: false }));
};

describe('what cannot be exported is refused with a located error', () => {
  it('two workloads whose Kubernetes names would be one', async () => {
    const errors = await errorsOf(exportOf('  a_b: { image: "busybox:1.35" }\n  a-b: { image: "busybox:1.35" }\n'));
    expect(errors).toEqual(['4:3 export-name: workloads a-b and a_b would both be named "a-b" in Kubernetes']);
  });

  it('a schedule with seconds, which a CronJob cannot take', async () => {
    const errors = await errorsOf(
      exportOf('  b: { kind: bot, runtime: python3.11, code: c, schedule: "*/10 * * * * *" }\n', { 'c/main.py': '' }),
    );
    expect(errors).toEqual([
      '4:59 export-schedule: workload b: schedule "*/10 * * * * *" has seconds; a Kubernetes CronJob takes five fields',
    ]);
  });

  it('not a nickname schedule (@hourly), which a CronJob reads as pond does', async () => {
    const p = await tempProject('  b: { kind: bot, runtime: python3.11, code: c, schedule: "@hourly" }\n', {
      'c/main.py': '',
    });
    const project = await p.load();
    const { text } = exportProject(project, { format: 'kube', includeSecrets: false });
    expect(text).toContain('schedule: "@hourly"');
  });

  it("a workload in another's network namespace", async () => {
    const errors = await errorsOf(
      exportOf('  a: { image: "busybox:1.35" }\n  b: { image: "busybox:1.35", network: "workload:a" }\n'),
    );
    expect(errors).toEqual([
      '5:40 export-network: workload b: network: workload:a has no Kubernetes equivalent outside one pod',
    ]);
  });

  it('a workload with ports whose name starts with a digit, as a Service name must start with a letter', async () => {
    const errors = await errorsOf(exportOf('  9lives: { image: "busybox:1.35", ports: ["8080"] }\n'));
    expect(errors).toEqual([
      '4:3 export-name: workload 9lives: its Service would be named 9lives, and a Service name must start with a letter',
    ]);
  });

  it('a scheduled bot whose name is over the 52 characters of a CronJob name', async () => {
    const name = 'b'.repeat(53);
    const errors = await errorsOf(
      exportOf(`  ${name}: { kind: bot, runtime: python3.11, code: c, schedule: "0 3 * * *" }\n`, { 'c/main.py': '' }),
    );
    expect(errors).toEqual([
      `4:3 export-name: workload ${name}: a CronJob name has at most 52 characters, ${name} has 53`,
    ]);
  });

  it('exports what those limits allow: a digit-first workload without ports, a 52-character scheduled bot', async () => {
    const name = 'b'.repeat(52);
    const workloads = `  9lives: { image: "busybox:1.35" }\n  ${name}: { kind: bot, runtime: python3.11, code: c, schedule: "0 3 * * *" }\n`;
    expect(await errorsOf(exportOf(workloads, { 'c/main.py': '' }))).toEqual([]);
  });

  it('two named volumes whose claim names would be one', async () => {
    const p = await tempProject(
      '  a: { image: "busybox:1.35", volumes: ["my_v:/a", "my-v:/b"] }\nvolumes: { my_v: {}, my-v: {} }\n',
    );
    const project = await p.load();
    const errors = await errorsOf(
      Promise.resolve().then(() => exportProject(project, { format: 'kube', includeSecrets: false })),
    );
    expect(errors).toEqual([
      expect.stringContaining('export-name: volumes my-v and my_v would both be claimed as "my-v"'),
    ]);
  });
});
