import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { swarmComposeYaml, swarmPondYaml, WORKLOADS } from '../../../bench/swarm-files.js';

interface ComposeService {
  environment: Record<string, string>;
  command?: string[];
  deploy: { endpoint_mode: string; restart_policy: { condition: string } };
  healthcheck?: { interval: string };
}
const compose = (rev: number): Record<string, ComposeService> =>
  (parse(swarmComposeYaml(rev)) as { services: Record<string, ComposeService> }).services;
const pond = (rev: number): Record<string, { command?: string[]; env?: Record<string, string> }> =>
  (parse(swarmPondYaml('pond-sb-x', rev)) as { workloads: Record<string, never> }).workloads;

describe('bench swarm files', () => {
  it('give both tools the same three workloads', () => {
    expect([Object.keys(pond(0)), Object.keys(compose(0))]).toEqual([[...WORKLOADS], [...WORKLOADS]]);
  });

  it('put every stack service on DNS round robin, as the kernel has no IPVS', () => {
    expect(Object.values(compose(0)).map((s) => s.deploy.endpoint_mode)).toEqual(['dnsrr', 'dnsrr', 'dnsrr']);
  });

  it("let the stack's seed restart on failure, since stack deploy ignores depends_on", () => {
    expect(compose(0).seed!.deploy.restart_policy.condition).toBe('on-failure');
  });

  it('change only web between revisions, in both files', () => {
    const differs = (a: object, b: object): string[] =>
      Object.keys(a).filter((k) => JSON.stringify(a[k as never]) !== JSON.stringify(b[k as never]));
    expect([differs(pond(0), pond(1)), differs(compose(0), compose(1))]).toEqual([['web'], ['web']]);
  });

  it('run the same seed and web commands under both tools', () => {
    expect([pond(0).seed!.command, pond(0).web!.command]).toEqual([compose(0).seed!.command, compose(0).web!.command]);
  });
});
