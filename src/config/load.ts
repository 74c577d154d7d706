import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Diagnostic } from '../errors.js';
import { configSecrets, isSecretValue, isSensitiveName, scrubSecrets } from '../secrets.js';
import { MAX_FILE_BYTES, readCapped, tooLarge } from './caps.js';
import { composeFileDiagnostic } from './compose-file.js';
import { parseDotEnv, type DotEnv } from './dotenv.js';
import { interpolateTree } from './interpolate.js';
import type { Lookup } from './template.js';
import { mergeTrees } from './merge.js';
import { parseCached } from './parse-cache.js';
import type { ParseResult } from './parse.js';
import { createLocator } from './sourcemap.js';
import { toData } from './tree.js';
import { decodeUtf8 } from './utf8.js';
import { STDIN_FILE, type LoadedConfig, type LoadOptions } from './types.js';
import { sortDiagnostics } from './validate.js';
import { checkSchemaKept } from './schema-cache.js';
import { usablePart, type UsableConfig } from './usable.js';

/**
 * Reads, parses, merges, interpolates and validates the config files, in that order. Every problem
 * found is collected; if any is an error, one ConfigError carrying all of them is thrown and nothing
 * is returned. For the config stage alone; loadProject goes on past its problems (readConfig).
 */
export async function loadConfig(opts: LoadOptions): Promise<LoadedConfig> {
  const { config, diagnostics } = await readConfig(opts);
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return config;
}

/** The config stage's result when it may have found problems: what later stages can still check. */
export interface ConfigStage {
  config: LoadedConfig;
  /** Sorted; secrets already hidden. */
  diagnostics: Diagnostic[];
  usable: UsableConfig;
}

/**
 * loadConfig without the throw on schema or interpolation problems, so the model and graph stages
 * can check what they still can. Files that cannot be read or parsed stop it (a ConfigError saying
 * the later checks did not run): nothing after would be more than a guess. Schema problems at a
 * place that already has an interpolation problem are dropped as consequences.
 */
export async function readConfig(opts: LoadOptions): Promise<ConfigStage> {
  const files = opts.files.map((f) => (f === STDIN_FILE ? f : path.resolve(f)));
  if (files.length === 0) throw new ConfigError([noFiles()]);
  const read = await Promise.all(files.map((file, i) => parseFile(file, opts.files[i]!, opts.stdin)));
  const failed = read.flatMap((r) => r.diagnostics);
  if (failed.length > 0)
    throw new ConfigError(sortDiagnostics(failed), undefined, [
      unparsed(read.filter((r) => r.diagnostics.length).length, files.length),
    ]);
  const dir = opts.dir ?? (files[0] === STDIN_FILE ? process.cwd() : path.dirname(files[0]!));
  const envFiles = opts.envFiles?.map((f) => path.resolve(f)) ?? [path.join(dir, '.env')];
  const dotenv = await readDotEnvs(envFiles, opts.envFiles !== undefined, (name) => opts.env[name]);
  const lookup = (name: string): string | undefined => opts.env[name] ?? dotenv.values[name];
  const merged = mergeTrees(read.map((r) => r.tree!))!;
  // One file with nothing to interpolate comes with its data (parse-cache.ts): its tree is left
  // undecoded until a position is asked for.
  const given = read.length === 1 ? read[0]!.data : undefined;
  const givenSource = given && read[0]!.text;
  const interpolated = given ? { tree: merged, diagnostics: [], variables: [] } : interpolateTree(merged, lookup);
  const where = createLocator(interpolated.tree);
  const data = given ?? (toData(interpolated.tree) as Record<string, unknown>);
  const compose = composeFileDiagnostic(data, where, (file) => opts.files[files.indexOf(file)] ?? file);
  if (compose) throw new ConfigError([compose]);
  const early = [...dotenv.diagnostics, ...interpolated.diagnostics];
  const secretVariables = interpolated.variables.filter((n) => isSensitiveName(n) || isSecretValue(lookup(n) ?? ''));
  const secretValues = secretVariables.map(lookup).filter((v): v is string => !!v);
  const hidden = [...secretValues, ...configSecrets(data)];
  const verdict = await checkSchemaKept(data, where, hidden.length > 0, givenSource);
  const schema = verdict.diagnostics.filter((d) => !early.some((e) => sameLocation(e, d)));
  const diagnostics = sortDiagnostics([...early, ...schema].map((d) => withoutSecrets(d, hidden)));
  const config = {
    data,
    files,
    dir,
    envFiles,
    locate: where.locate,
    variables: [...interpolated.variables].sort(),
    secretValues,
    secretVariables: secretVariables.sort(),
    tree: interpolated.tree,
  };
  return { config, diagnostics, usable: usablePart(data, interpolated.tree, verdict.places, early) };
}

function unparsed(broken: number, all: number): string {
  const which = all === 1 ? 'the file' : broken === all ? 'the files' : `${broken} of the ${all} files`;
  return `schema, model and graph checks skipped: ${which} above could not be read as YAML`;
}

/** A schema message quoting a value that is secret by where it came from (a variable, a URL's password) shows its shape instead. */
function withoutSecrets(d: Diagnostic, secrets: string[]): Diagnostic {
  return {
    ...d,
    message: scrubSecrets(d.message, secrets),
    ...(d.hint !== undefined && { hint: scrubSecrets(d.hint, secrets) }),
  };
}

/** A file's parse, with the text it was parsed from. */
type ReadFile = ParseResult & { text?: string };

async function parseFile(file: string, asGiven: string, stdin?: Buffer): Promise<ReadFile> {
  let bytes: Buffer | undefined;
  try {
    bytes = file === STDIN_FILE ? capped(stdin ?? Buffer.alloc(0)) : await readCapped(file);
  } catch (error) {
    return { diagnostics: [unreadable(asGiven, error)] };
  }
  if (!bytes) return { diagnostics: [tooLarge(file)] };
  const decoded = decodeUtf8(file, bytes);
  return 'text' in decoded
    ? { ...parseCached(file, decoded.text), text: decoded.text }
    : { diagnostics: [decoded.diagnostic] };
}

function capped(bytes: Buffer): Buffer | undefined {
  return bytes.length > MAX_FILE_BYTES ? undefined : bytes;
}

/**
 * The env files merged, later wins; each may expand `${VAR}` from the process environment and from
 * the files read before it. The default `.env` may be absent; a file named with --env-file must exist.
 */
async function readDotEnvs(files: string[], required: boolean, env: Lookup): Promise<DotEnv> {
  const merged: DotEnv = { values: {}, diagnostics: [] };
  for (const f of files) {
    const read = await readDotEnv(f, required, (name) => env(name) ?? merged.values[name]);
    Object.assign(merged.values, read.values);
    merged.diagnostics.push(...read.diagnostics);
  }
  return merged;
}

async function readDotEnv(file: string, required: boolean, env: Lookup): Promise<DotEnv> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    if (!required) return { values: {}, diagnostics: [] };
    const code = (error as NodeJS.ErrnoException).code;
    return {
      values: {},
      diagnostics: [
        {
          code: 'file-not-found',
          message: `env file "${file}" ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}`,
          hint: 'check the path given with --env-file (relative to the working folder)',
          severity: 'error',
        },
      ],
    };
  }
  return parseDotEnv(file, text, env);
}

/** A regular file at once, as readCapped reads pond.yaml; anything else (`--env-file <(cmd)`) asynchronously. */
async function readText(file: string): Promise<string> {
  return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : readFile(file, 'utf8');
}

function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return {
      code: 'file-not-found',
      message: `config file "${file}" does not exist`,
      hint: 'run pond in the folder that holds pond.yaml, or name the file: pond -f path/to/pond.yaml',
      severity: 'error',
    };
  }
  const reason = code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(error)})`;
  return {
    code: 'file-unreadable',
    message: `config file "${file}" ${reason}`,
    hint: 'pass a YAML file with -f',
    severity: 'error',
  };
}

function noFiles(): Diagnostic {
  return {
    code: 'file-not-found',
    message: 'no config file given',
    hint: 'pass one with -f pond.yaml',
    severity: 'error',
  };
}

function sameLocation(a: Diagnostic, b: Diagnostic): boolean {
  return (
    !!a.location &&
    !!b.location &&
    a.location.file === b.location.file &&
    a.location.line === b.location.line &&
    a.location.col === b.location.col
  );
}
