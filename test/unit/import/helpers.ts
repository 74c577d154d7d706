import { parse } from 'yaml';
import { convertProject, type ImportResult } from '../../../src/import/project.js';
import type { Data } from '../../../src/import/words.js';

/** Converts a Compose file given as YAML text, in a folder named "app". */
export function importYaml(text: string): ImportResult {
  return convertProject(parse(text, { merge: true }) as Data, 'app');
}

/** The converted workload `name` of a one-service Compose file whose service body is `body`. */
export function workloadOf(body: string, name = 'web'): { workload: Data; notes: string[] } {
  const indented = body
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  const result = importYaml(`services:\n  ${name}:\n${indented}\n`);
  return {
    workload: (result.data.workloads as Data)[name] as Data,
    notes: result.notes.filter((n) => n.workload === name).map((n) => n.text),
  };
}
