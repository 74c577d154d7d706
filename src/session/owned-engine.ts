import { LABEL } from '../labels.js';
import { sortOwnership, type ForeignObject } from '../desired/ownership.js';
import type { Engine } from '../engine/types.js';
import { ForeignProjectError } from '../errors.js';
import { identityFile, saveIdentity, type ProjectIdentity } from '../identity.js';

/**
 * The engine as every command sees it: `observe` returns only what this checkout owns, and refuses
 * outright while objects of the same project name but another checkout exist, so no plan, `down`,
 * `ps` or `logs` can act on (or show as its own) another checkout's containers.
 */
export function ownedEngine(engine: Engine, identity: () => ProjectIdentity): Engine {
  const checked = new Set<string>();
  const observe = async (project: string): ReturnType<Engine['observe']> => {
    const { owned, foreign } = sortOwnership(await engine.observe(project), { project, id: identity().id });
    if (foreign.length) throw foreignError(project, foreign, identity());
    checked.add(project);
    return owned;
  };
  /** The identity file is written just before the first object carrying it is made, never by a read. */
  const claim = async (labels: Record<string, string>): Promise<void> => {
    const project = labels[LABEL.project];
    if (project !== undefined && !checked.has(project)) await observe(project);
    saveIdentity(identity());
  };
  return {
    ...engine,
    observe,
    createNetwork: async (spec) => (await claim(spec.labels), engine.createNetwork(spec)),
    createVolume: async (spec) => (await claim(spec.labels), engine.createVolume(spec)),
    createWorkload: async (spec) => (await claim(spec.labels), engine.createWorkload(spec)),
    run: async (spec, opts) => (await claim(spec.labels), engine.run(spec, opts)),
  };
}

function foreignError(project: string, foreign: ForeignObject[], me: ProjectIdentity): ForeignProjectError {
  const dirs = [...new Set(foreign.map((f) => f.dir ?? 'an unknown folder'))];
  const objects =
    foreign
      .slice(0, 3)
      .map((f) => `${f.kind} ${f.name}`)
      .join(', ') + (foreign.length > 3 ? `, … (${foreign.length} in all)` : '');
  if (dirs.length === 1 && dirs[0] === me.dir)
    // The same folder under another identity: its .pond/project-id was lost (the folder deleted and made
    // again, a fresh clone in its place). "Another checkout, at <this folder>" would read as a bug.
    return new ForeignProjectError(
      `project "${project}" on this engine was made by an earlier checkout in this same folder, ${me.dir} (${objects}), whose identity file ${identityFile(me.dir)} is gone; pond will not touch it`,
      `if those objects are this checkout's, take them over with: pond adopt; otherwise give this checkout its own name: pond -p ${project}-2 ... (or name: in pond.yaml)`,
    );
  return new ForeignProjectError(
    `project "${project}" on this engine belongs to another checkout, at ${dirs.join(' and ')} (${objects}); this checkout is ${me.dir}, so pond will not touch it`,
    `give this checkout its own name: pond -p ${project}-2 ... (or name: in pond.yaml); if that checkout was moved here or deleted, take its objects over with: pond adopt`,
  );
}
