import type { TaskSpec } from '../../src/engine/types.js';

/**
 * A service's TaskSpec as pond would make it for `project`: named and labelled after the workload,
 * on the project's default network, every field filled in. The engine tests start from it and
 * override only what their case is about, so a new TaskSpec field is added in one place.
 */
export function taskSpec(project: string, workload: string, over: Partial<TaskSpec> = {}): TaskSpec {
  return {
    name: `${project}-${workload}`,
    image: 'busybox:1.35',
    env: {},
    ports: [],
    mounts: [],
    resources: {},
    network: `${project}_default`,
    aliases: [workload],
    restart: 'no',
    init: true,
    stopTimeoutSec: 10,
    labels: { 'dev.pond.project': project, 'dev.pond.workload': workload },
    ...over,
  };
}
