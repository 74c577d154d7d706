import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Diagnostic } from '../errors.js';
import { configSecrets, isSecretValue, isSensitiveName, scrubSecrets } from '../secrets.js';
import { readCapped, tooLarge } from './caps.js';
import { parseDotEnv, type DotEnv } from './dotenv.js';
import { interpolateTree } from './interpolate.js';
import type { Lookup } from './template.js';
import { mergeTrees } from './merge.js';
import { parseYaml } from './parse.js';
import { createLocator } from './sourcemap.js';
import { toData, type MapNode } from './tree.js';
import { decodeUtf8 } from './utf8.js';
import type { LoadedConfig, LoadOptions } from './types.js';
import { sortDiagnostics, validateConfig } from './validate.js';

/**
 * Reads, parses, merges, interpolates and validates the config files, in that order. Every problem
 * found is collected; if any is an error, one ConfigError carrying all of them is thrown and nothing
 * is returned. Parse problems stop the load before interpolation (later stages would only guess).
 * Schema problems at a place that already has an interpolation problem are dropped as consequences.
 */
export async function loadConfig(opts: LoadOptions): Promise<LoadedConfig> {
  const files = opts.files.map((f) => path.resolve(f));
  if (files.length === 0) throw new ConfigError([noFiles()]);
  const read = await Promise.all(files.map((file, i) => parseFile(file, opts.files[i]!)));
  const failed = read.flatMap((r) => r.diagnostics);
  if (failed.length > 0) throw new ConfigError(sortDiagnostics(failed));
  const dir = path.dirname(files[0]!);
  const dotenv = await readDotEnv(path.join(dir, '.env'), (name) => opts.env[name]);
  const lookup = (name: string): string | undefined => opts.env[name] ?? dotenv.values[name];
  const merged = mergeTrees(read.map((r) => r.tree!))!;
  const interpolated = interpolateTree(merged, lookup);
  const where = createLocator(interpolated.tree);
  const data = toData(interpolated.tree) as Record<string, unknown>;
  const early = [...dotenv.diagnostics, ...interpolated.diagnostics];
  const schema = (await validateConfig(data, where)).filter((d) => !early.some((e) => sameLocation(e, d)));
  const secretVariables = interpolated.variables.filter((n) => isSensitiveName(n) || isSecretValue(lookup(n) ?? ''));
  const secretValues = secretVariables.map(lookup).filter((v): v is string => !!v);
  const hidden = [...secretValues, ...configSecrets(data)];
  const diagnostics = sortDiagnostics([...early, ...schema].map((d) => withoutSecrets(d, hidden)));
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return { data, files, dir, locate: where.locate, variables: [...interpolated.variables].sort(), secretValues, secretVariables: secretVariables.sort(), tree: interpolated.tree };
}

/** A schema message quoting a value that is secret by where it came from (a variable, a URL's password) shows its shape instead. */
function withoutSecrets(d: Diagnostic, secrets: string[]): Diagnostic {
  return { ...d, message: scrubSecrets(d.message, secrets), ...(d.hint !== undefined && { hint: scrubSecrets(d.hint, secrets) }) };
}

async function parseFile(file: string, asGiven: string): Promise<{ tree?: MapNode; diagnostics: Diagnostic[] }> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readCapped(file);
  } catch (error) {
    return { diagnostics: [unreadable(asGiven, error)] };
  }
  if (!bytes) return { diagnostics: [tooLarge(file)] };
  const decoded = decodeUtf8(file, bytes);
  return 'text' in decoded ? parseYaml(file, decoded.text) : { diagnostics: [decoded.diagnostic] };
}

async function readDotEnv(file: string, env: Lookup): Promise<DotEnv> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { values: {}, diagnostics: [] };
  }
  return parseDotEnv(file, text, env);
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
  return { code: 'file-unreadable', message: `config file "${file}" ${reason}`, hint: 'pass a YAML file with -f', severity: 'error' };
}

function noFiles(): Diagnostic {
  return { code: 'file-not-found', message: 'no config file given', hint: 'pass one with -f pond.yaml', severity: 'error' };
}

function sameLocation(a: Diagnostic, b: Diagnostic): boolean {
  return !!a.location && !!b.location && a.location.file === b.location.file && a.location.line === b.location.line && a.location.col === b.location.col;
}
