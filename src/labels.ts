/**
 * pond's identity labels, defined once. Every object pond creates carries `project`; pond reads,
 * changes and removes only objects whose `project` label names the current project.
 */
export const LABEL = {
  project: 'dev.pond.project',
  /**
   * The checkout's identity (a random id kept in `.pond/project-id`): two checkouts with one project
   * name differ here, so neither acts on the other's objects. Moving the folder keeps the file, so the
   * identity moves with it.
   */
  identity: 'dev.pond.project-id',
  /** Where that checkout lived when the object was made: named in messages, never used to decide. */
  dir: 'dev.pond.project-dir',
  workload: 'dev.pond.workload',
  kind: 'dev.pond.kind',
  configHash: 'dev.pond.config-hash',
  spec: 'dev.pond.spec',
  version: 'dev.pond.version',
  volume: 'dev.pond.volume',
  network: 'dev.pond.network',
  /**
   * Set on one-off containers (a bot's scheduled run, an ad hoc `pond query`): their value is the run
   * id. The planner leaves them to whoever started them; `down` removes them with the rest.
   */
  run: 'dev.pond.run',
  /**
   * On one-off runs: `host/pid` of the pond process that waits for it. A run whose owner is gone
   * (killed with SIGKILL, say) has nobody to stop it: the next plan removes it.
   */
  owner: 'dev.pond.owner',
  /**
   * On a query's warm runner (run id `warm`): the hash of its container spec. A runner whose hash is
   * not the query's current one is replaced before the next query, never reused.
   */
  warm: 'dev.pond.warm',
} as const;

export { POND_VERSION } from './version.js';

/** Container name for a workload: `project-workload`, unique per engine. */
export function containerName(project: string, workload: string): string {
  return `${project}-${workload}`;
}

/** Engine name of a declared volume: `project_volume`, as compose does. */
export function volumeName(project: string, volume: string): string {
  return `${project}_${volume}`;
}

export function networkName(project: string): string {
  return `${project}_default`;
}
