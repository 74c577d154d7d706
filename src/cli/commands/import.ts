import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { readCapped } from '../../config/caps.js';
import { UsageError } from '../../errors.js';
import { renderPondYaml } from '../../import/document.js';
import { mergeCompose } from '../../import/merge.js';
import { convertProject } from '../../import/project.js';
import type { Data } from '../../import/words.js';
import type { Context } from '../context.js';
import { COMPOSE_FILES } from '../../import/compose-files.js';

/** The names `docker compose` looks for, in its order. */

export interface ImportFlags {
  files: string[];
  output?: string;
  force?: boolean;
}

/**
 * `pond import [FILE...]`: a Compose project as pond.yaml, written beside the first file (so relative
 * bind paths keep pointing where they did), or to `-o FILE` / `-o -` (stdout). An existing file is
 * kept unless `--force`. Every setting not carried over is a comment in the file and a line on stderr.
 */
export async function importCommand(ctx: Context, flags: ImportFlags): Promise<number> {
  const files = flags.files.length > 0 ? flags.files.map((f) => path.resolve(ctx.cwd, f)) : [defaultFile(ctx.cwd)];
  const target =
    flags.output === '-'
      ? undefined
      : path.resolve(ctx.cwd, flags.output ?? path.join(path.dirname(files[0]!), 'pond.yaml'));
  const data = await Promise.all(files.map((f) => readCompose(f, ctx.cwd)));
  if (target && fs.existsSync(target) && !flags.force) {
    throw new UsageError(
      `${path.relative(ctx.cwd, target) || target} already exists: nothing was written`,
      'pass --force to overwrite it, or -o FILE (-o - prints to stdout)',
    );
  }
  const result = convertProject(mergeCompose(data), path.basename(path.dirname(files[0]!)));
  const shown = files.map((f) => path.relative(target ? path.dirname(target) : ctx.cwd, f) || path.basename(f));
  const text = renderPondYaml(result, shown);
  if (target) fs.writeFileSync(target, text);
  else ctx.output.out(text);
  summarise(ctx, result, target, files.length);
  return 0;
}

function defaultFile(cwd: string): string {
  const found = COMPOSE_FILES.map((f) => path.join(cwd, f)).find((f) => fs.existsSync(f));
  if (!found)
    throw new UsageError(
      `no Compose file in ${cwd} (looked for ${COMPOSE_FILES.join(', ')})`,
      'name it: pond import path/to/docker-compose.yml',
    );
  return found;
}

async function readCompose(file: string, cwd: string): Promise<Data> {
  const shown = path.relative(cwd, file) || file;
  let bytes: Buffer | undefined;
  try {
    bytes = await readCapped(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${shown} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}: nothing was written`,
      'name a Compose file: pond import docker-compose.yml',
    );
  }
  if (!bytes)
    throw new UsageError(
      `${shown} is larger than 1 MiB: nothing was written`,
      'a Compose file is far smaller; is this the right file?',
    );
  const doc = parseDocument(bytes.toString('utf8'), { merge: true, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    const [line, col] = problem.linePos?.[0] ? [problem.linePos[0].line, problem.linePos[0].col] : [1, 1];
    throw new UsageError(
      `${shown}:${line}:${col}: not valid YAML: ${problem.message.split('\n')[0]}`,
      'fix the file (docker compose config shows what Compose reads)',
    );
  }
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new UsageError(
      `${shown} is not a Compose file (no mapping at the top): nothing was written`,
      'a Compose file starts with services:',
    );
  const top = data as Data;
  if (top.workloads !== undefined)
    throw new UsageError(
      `${shown} is already a pond.yaml (it has workloads:): nothing was written`,
      'pond validate checks it',
    );
  if (top.services === undefined)
    throw new UsageError(
      `${shown} has no services: to import: nothing was written`,
      'a Compose file lists its containers under services:',
    );
  return top;
}

function summarise(
  ctx: Context,
  result: ReturnType<typeof convertProject>,
  target: string | undefined,
  files: number,
): void {
  const names = Object.keys(result.data.workloads as Data);
  const volumes = Object.keys((result.data.volumes as Data | undefined) ?? {});
  const where = target ? path.relative(ctx.cwd, target) || target : 'stdout';
  ctx.output.err(
    `pond import: ${target ? `wrote ${where}` : 'printed pond.yaml'}: ${names.length} workload${names.length === 1 ? '' : 's'} (${names.join(', ')}), ${volumes.length} volume${volumes.length === 1 ? '' : 's'}`,
  );
  if (files > 1)
    ctx.output.err(
      "pond import: the files were merged with pond's override rule (later files win; lists are replaced, not appended)",
    );
  if (result.notes.length > 0) {
    ctx.output.err(
      `pond import: ${result.notes.length} note${result.notes.length === 1 ? '' : 's'}, also comments in the file:`,
    );
    for (const n of result.notes) ctx.output.err(`  ${n.workload ?? '(project)'}: ${n.text}`);
  }
  ctx.output.err(`next: pond${target && path.dirname(target) !== ctx.cwd ? ` -f ${where}` : ''} plan`);
}
