import { describe, expect, it } from 'vitest';
import { kindSections } from '../../../src/workloads/kind-hooks.js';
import { KINDS } from '../../../src/workloads/registry.js';
import { workload, connection } from '../../support/fixtures.js';

const data = { persistent: false, fsync: false, tmpfs: true };
const notebook = { server: 'jupyter' as const, hostPort: 28888, token: 'tok-12345678', tokenQuery: 'token' };

describe('pond info: the sections kinds add come from the kind registry', () => {
  it('each kind with an info section has its JSON key, in registry order, even when empty', () => {
    const sections = kindSections([workload('web')], false);
    expect(sections.map((s) => s.section)).toEqual(KINDS.flatMap((k) => (k.info ? [k.info.section] : [])));
    expect(sections.map((s) => s.section)).toEqual(expect.arrayContaining(['databases', 'notebooks']));
    expect(sections.every((s) => s.entries.length === 0)).toBe(true);
  });

  it("a database's row names engine and version, its URL hides the password unless revealed", () => {
    const ws = [workload('db', { kind: 'database', database: { connection, version: '15', data } })];
    const hidden = kindSections(ws, false).find((s) => s.section === 'databases');
    expect(hidden!.table).toEqual([
      ['WORKLOAD', 'ENGINE', 'HOST', 'PORT', 'USER', 'DATABASE', 'URL'],
      ['db', 'postgres 15', '127.0.0.1', '25432', 'pond', 'app', 'postgres://pond:****@127.0.0.1:25432/app'],
    ]);
    expect(kindSections(ws, true).find((s) => s.section === 'databases')!.entries).toEqual([
      expect.objectContaining({ password: 's3cret', url: 'postgres://pond:s3cret@127.0.0.1:25432/app' }),
    ]);
  });

  it("a notebook's row carries its URL with the token", () => {
    const nb = kindSections([workload('nb', { kind: 'notebook', notebook })], false).find(
      (s) => s.section === 'notebooks',
    );
    expect(nb!.table[1]).toEqual(['nb', 'jupyter', '127.0.0.1', '28888', 'http://127.0.0.1:28888/?token=tok-12345678']);
  });
});
