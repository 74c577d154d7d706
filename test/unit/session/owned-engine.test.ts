import { describe, expect, it } from 'vitest';
import type { Engine, ObservedState } from '../../../src/engine/types.js';
import { ForeignProjectError } from '../../../src/errors.js';
import { ownedEngine } from '../../../src/session/owned-engine.js';
import { observedWorkload } from '../../support/fixtures.js';

const me = { id: 'aaaaaaaaaaaaaaaa', dir: '/src/app', stored: true };

/** An engine listing one container of project "app" made by the checkout `id` in `dir`. */
function engineWith(id: string, dir: string): Engine {
  const labels = {
    'dev.pond.project': 'app',
    'dev.pond.version': '0.1.0',
    'dev.pond.config-hash': 'h',
    'dev.pond.workload': 'web',
    'dev.pond.project-id': id,
    'dev.pond.project-dir': dir,
  };
  const state: ObservedState = {
    workloads: [
      observedWorkload({
        id: 'c1',
        name: 'app-web',
        labels,
        state: 'running',
        image: 'busybox',
        restartCount: 0,
        ports: [],
      }),
    ],
    volumes: [],
    networks: [],
  };
  return { observe: async () => state } as unknown as Engine;
}

async function refusal(engine: Engine): Promise<ForeignProjectError> {
  const error = await ownedEngine(engine, () => me)
    .observe('app')
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ForeignProjectError);
  return error as ForeignProjectError;
}

describe('ownedEngine refuses a project of another identity', () => {
  it('names the other folder and -p when another checkout made it', async () => {
    const error = await refusal(engineWith('bbbbbbbbbbbbbbbb', '/src/other'));
    expect(error.message).toContain('belongs to another checkout, at /src/other (container app-web)');
    expect(error.hint).toContain('pond -p app-2');
  });

  it('says the identity file of this same folder is gone, and offers adopt first, when it was made here', async () => {
    const error = await refusal(engineWith('bbbbbbbbbbbbbbbb', me.dir));
    expect(error.message).not.toContain('another checkout');
    expect(error.message).toContain('an earlier checkout in this same folder, /src/app');
    expect(error.message).toContain('/src/app/.pond/project-id is gone');
    expect(error.hint).toMatch(/^if those objects are this checkout's, take them over with: pond adopt/);
  });
});
