import { describe, expect, it } from 'vitest';
import { sortOwnership } from '../../../src/desired/ownership.js';
import type { ObservedWorkload, ObservedState } from '../../../src/engine/types.js';
import { observedWorkload } from '../../support/fixtures.js';

const me = { project: 'app', id: 'aaaaaaaaaaaaaaaa' };
const pond = (id: string | undefined, extra: Record<string, string> = {}): Record<string, string> => ({
  'dev.pond.project': 'app',
  'dev.pond.version': '0.1.0',
  'dev.pond.config-hash': 'h',
  'dev.pond.workload': 'web',
  ...(id && { 'dev.pond.project-id': id, 'dev.pond.project-dir': `/src/${id.slice(0, 1)}/app` }),
  ...extra,
});
const container = (name: string, labels: Record<string, string>): ObservedWorkload =>
  observedWorkload({ id: name, name, labels, state: 'running', image: 'busybox', restartCount: 0, ports: [] });
const state = (containers: ObservedWorkload[]): ObservedState => ({ workloads: containers, volumes: [], networks: [] });

describe('ownership: pond acts only on what this checkout made', () => {
  it('keeps containers with this checkout identity', () => {
    expect(sortOwnership(state([container('app-web', pond(me.id))]), me).owned.workloads).toHaveLength(1);
  });
  it('reports a same-named project of another checkout as foreign, with its folder', () => {
    const r = sortOwnership(state([container('app-web', pond('bbbbbbbbbbbbbbbb'))]), me);
    expect(r.owned.workloads).toEqual([]);
    expect(r.foreign).toEqual([{ kind: 'container', name: 'app-web', id: 'bbbbbbbbbbbbbbbb', dir: '/src/b/app' }]);
  });
  it('adopts objects made before identities existed (full label set, no identity)', () => {
    expect(sortOwnership(state([container('app-web', pond(undefined))]), me).owned.workloads).toHaveLength(1);
  });
  it('ignores a container that only carries the project label (made by hand)', () => {
    const r = sortOwnership(state([container('app-web', { 'dev.pond.project': 'app' })]), me);
    expect(r.owned.workloads).toEqual([]);
    expect(r.strangers).toEqual(['container app-web']);
  });
  it('ignores a docker commit + docker run copy: every label, but a name pond never gives', () => {
    const r = sortOwnership(state([container('sharp_turing', pond(me.id))]), me);
    expect(r.owned.workloads).toEqual([]);
    expect(r.foreign).toEqual([]);
  });
  it('accepts the names pond gives during a replace and for runs', () => {
    const names = ['0123456789ab_app-web', 'app-web-run-20260101-000000-abcd'];
    const r = sortOwnership(
      state([
        container(names[0]!, pond(me.id)),
        container(names[1]!, pond(me.id, { 'dev.pond.run': '20260101-000000-abcd' })),
      ]),
      me,
    );
    expect(r.owned.workloads.map((c) => c.name)).toEqual(names);
  });
  it('volumes and networks need their own pond label too', () => {
    const r = sortOwnership(
      {
        workloads: [],
        volumes: [{ name: 'app_data', labels: { 'dev.pond.project': 'app' } }],
        networks: [
          {
            id: 'n',
            name: 'app_default',
            labels: { 'dev.pond.project': 'app', 'dev.pond.network': 'default', 'dev.pond.version': '0.1.0' },
          },
        ],
      },
      me,
    );
    expect(r.owned.volumes).toEqual([]);
    expect(r.owned.networks).toHaveLength(1);
  });
});
