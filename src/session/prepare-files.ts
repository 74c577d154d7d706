import fs from 'node:fs';
import path from 'node:path';
import { prepareBots } from '../bots/prepare.js';
import type { Project } from '../pipeline.js';
import { saveNewTokens } from '../workloads/notebook/token.js';
import { saveDigestCache } from '../workloads/digest-store.js';

/**
 * The one step that writes the project folder before containers are made from it: notebook tokens
 * drawn by the load (the values the desired state hashed), the input digests, each query's output
 * folder (a bind mount's source must exist) and the bots' extracted code. Loading only reads, so
 * `validate`, `plan`, `ps`, `graph` and `config` leave the folder as it was; up, watch, run and query
 * call this once the project has loaded and before the first container is created.
 */
export function prepareProjectFiles(project: Pick<Project, 'spec' | 'digests'>): void {
  saveNewTokens(project.spec);
  saveDigestCache(project.digests);
  for (const w of project.spec.workloads) if (w.query) fs.mkdirSync(path.dirname(w.query.output), { recursive: true });
  prepareBots(project.spec);
}
