import { describe, expect, it } from 'vitest';
import type { WorkloadSpec } from '../../../src/model/types.js';
import { kindDisplay, kindExecEnv, kindLifecycle, kindLinks, kindNeeds } from '../../../src/workloads/kind-hooks.js';
import { workload, connection } from '../../support/fixtures.js';

const data = { persistent: true, fsync: true, tmpfs: false };
const initOnly = { env: ['POSTGRES_PASSWORD'], volume: 'pgdata' };
const db = workload('db', { kind: 'database', database: { connection, version: '15', data, initOnly } });
const nb = workload('nb', {
  kind: 'notebook',
  notebook: { server: 'jupyter', hostPort: 28888, token: 'tok', tokenQuery: 'token' },
});
const facts = (kind: string, f: unknown): WorkloadSpec => ({ ...workload(kind), kind, [kind]: f }) as WorkloadSpec;

describe('what kinds tell generic layers, through the registry', () => {
  it("links: a database's URL with the password hidden, a notebook's with its token, none for a plain service", () => {
    expect(kindLinks(db, '****')).toEqual([
      { label: 'connection', url: 'postgres://pond:****@127.0.0.1:25432/app', connection: true },
    ]);
    expect(kindLinks(nb, '****')).toEqual([{ label: 'jupyter', url: 'http://127.0.0.1:28888/?token=tok' }]);
    expect(kindLinks(workload('web'), '****')).toBeUndefined();
  });

  it("lifecycle: a database's data and init-only env, a query runs to completion within its timeout, a bot settles, a service nothing", () => {
    expect(kindLifecycle(db)).toEqual({ data, initOnly });
    expect(kindLifecycle(facts('query', { timeoutMs: 30_000 }))).toEqual({ job: { timeoutMs: 30_000 } });
    expect(kindLifecycle(facts('bot', { config: {} }))).toEqual({ settles: true });
    expect(kindLifecycle(workload('web'))).toEqual({});
  });

  it("exec env: a database's client login, nothing for a service", () => {
    expect(kindExecEnv(db)).toEqual({ PGUSER: 'pond', PGDATABASE: 'app', PGPASSWORD: 's3cret' });
    expect(kindExecEnv(workload('web'))).toEqual({});
  });

  it('display: a bot shows config: redacted in place of its POND_CONFIG env', () => {
    const shown = kindDisplay(facts('bot', { config: { api_key: 'k-123', level: 3 } }), () => 'HIDDEN');
    expect(shown).toEqual({ hiddenEnv: ['POND_CONFIG'], keys: { config: { api_key: 'HIDDEN', level: 3 } } });
    expect(kindDisplay(workload('web'), () => 'HIDDEN')).toEqual({ hiddenEnv: [], keys: {} });
  });

  it("needs: a bot's results: asks the backend to copy files out, a warm query to exec, and neither without those keys", () => {
    expect(kindNeeds(facts('bot', { results: '/bot/result.json' })).map((n) => [n.key, n.capability])).toEqual([
      ['results', 'copyOut'],
    ]);
    expect(kindNeeds(facts('query', { warm: true })).map((n) => [n.key, n.capability])).toEqual([['warm', 'exec']]);
    expect([...kindNeeds(facts('bot', {})), ...kindNeeds(facts('query', { warm: false }))]).toEqual([]);
  });
});
