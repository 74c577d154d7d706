/**
 * DuckDB extensions inside a query's container, offline. The bundled DuckDB has a few extensions
 * built in (parquet, json, icu, core_functions, autocomplete); any other one comes from the
 * project folder named by the query's `extensions:`, mounted read-only, and never from the
 * internet. Pure: the runner does the file work (extension-dir.ts).
 */

/** Where `extensions:` is mounted in the container; POND_EXTENSIONS carries the folder as written in pond.yaml. */
export const EXTENSIONS_MOUNT = '/opt/pond/extensions';
/** A local repository that does not exist: a plain `INSTALL x` looks there, not on the internet, and fails at once. */
export const NO_REPOSITORY = '/opt/pond/no-extension-repository';
export const EXTENSION_SUFFIX = '.duckdb_extension';

/** What the DuckDB in the runner is: extension files must be built for exactly this version and platform. */
export interface DuckDbBuild {
  version: string;
  platform: string;
  builtIn: string[];
}

/**
 * Which file (a path relative to the mounted folder) provides which extension. Two layouts are
 * read: files side by side (`spatial.duckdb_extension`, or `.gz` as extensions.duckdb.org serves
 * them), and DuckDB's own (`v1.5.5/linux_amd64/spatial.duckdb_extension`, a copy of
 * ~/.duckdb/extensions), which wins. Files for another version or platform are ignored.
 */
export function providedExtensions(entries: string[], build: DuckDbBuild): Map<string, string> {
  const found = new Map<string, string>();
  const own = `${build.version}/${build.platform}/`;
  for (const rel of [...entries].sort()) {
    const name = extensionName(rel.startsWith(own) ? rel.slice(own.length) : rel);
    if (!name || (found.has(name) && !rel.startsWith(own))) continue;
    found.set(name, rel);
  }
  return found;
}

function extensionName(file: string): string | undefined {
  if (file.includes('/')) return undefined;
  const m = /^([A-Za-z0-9_]+)\.duckdb_extension(\.gz)?$/.exec(file);
  return m?.[1];
}

/** An extension DuckDB wanted and did not have: its name, and whether a file for it was there but would not load. */
export interface MissingExtension {
  name: string;
  /** The file name DuckDB looks for (sqlite → sqlite_scanner.duckdb_extension). */
  file: string;
  unloadable: boolean;
}

const MISSING: RegExp[] = [
  /Extension "(?:[^"]*\/)?([A-Za-z0-9_]+)\.duckdb_extension" not found/,
  /Failed to install local extension "([A-Za-z0-9_]+)"/,
  /Failed to download extension "([A-Za-z0-9_]+)"/,
  /required extension '([A-Za-z0-9_]+)'/,
  /exists in the ([A-Za-z0-9_]+) extension/,
  /Extension "([A-Za-z0-9_]+)" is an existing extension/,
];

/** The extension a DuckDB error message is about, if it is about one being unavailable. */
export function missingExtension(message: string): MissingExtension | undefined {
  const broken = /Failed to load '(?:[^']*\/)?([A-Za-z0-9_]+)(?:\.duckdb_extension)?'/.exec(message);
  if (broken) return { name: broken[1]!, file: `${broken[1]}${EXTENSION_SUFFIX}`, unloadable: true };
  for (const pattern of MISSING) {
    const m = pattern.exec(message);
    if (!m) continue;
    const file = /"(?:[^"]*\/)?([A-Za-z0-9_]+\.duckdb_extension)"/.exec(message)?.[1] ?? `${m[1]}${EXTENSION_SUFFIX}`;
    const name = /Extension "([A-Za-z0-9_]+)" is an existing extension/.exec(message)?.[1] ?? m[1]!;
    return { name, file, unloadable: false };
  }
  return undefined;
}

/**
 * What to do about it, in pond's words: which extensions are built in, that nothing is downloaded,
 * and the `extensions:` folder that would provide this one (the file name, for this DuckDB's
 * version and platform, and where to get it on a machine that has internet).
 */
export function extensionHint(missing: MissingExtension, build: DuckDbBuild, configured?: string): string {
  const where = `${build.version}/${build.platform}`;
  if (missing.unloadable) {
    return `pond: the file for DuckDB extension "${missing.name}" in extensions: ${configured ?? ''} does not load: it must be ${missing.file} built for DuckDB ${where}`;
  }
  const builtIn = `pond's DuckDB ${build.version} has ${build.builtIn.join(', ')} built in, and a query never downloads extensions`;
  const source = `https://extensions.duckdb.org/${where}/${missing.file}.gz (gunzip it or not), or ~/.duckdb/extensions/${where}/ after INSTALL ${missing.name} on a machine with internet`;
  const fix = configured
    ? `add ${missing.file} to extensions: ${configured}`
    : `put ${missing.file} in a project folder and name it in this query's extensions: (e.g. extensions: ./duckdb-extensions)`;
  return `pond: DuckDB extension "${missing.name}" is not available: ${builtIn}. To use it, ${fix}; get the file from ${source}`;
}
