import { createHash } from 'node:crypto';

const BASE = 20_000;
const SPAN = 20_000;

/**
 * Host ports for databases that name none: derived from the project and workload names, so a database
 * keeps its port across recreates, `down`/`up` and machines, and a notebook's saved URL keeps working.
 * Within one project, clashes are resolved by walking the names in order, so two versions of one
 * engine side by side never collide. Pure.
 */
export function derivedPorts(project: string, workloads: string[], fixed: number[]): Map<string, number> {
  const taken = new Set(fixed);
  const out = new Map<string, number>();
  for (const name of [...workloads].sort()) {
    const hash = createHash('sha256').update(`${project}/${name}`).digest().readUInt32BE(0);
    let port = BASE + (hash % SPAN);
    while (taken.has(port)) port = BASE + ((port - BASE + 1) % SPAN);
    taken.add(port);
    out.set(name, port);
  }
  return out;
}
