import type { EngineHost } from '../engine/types.js';

/** This machine, as pond sees it: where its files are and which DuckDB npm installed for it. */
export interface LocalMachine {
  hostname: string;
  /** Node's names: "linux", "darwin"; "x64", "arm64". */
  platform: string;
  arch: string;
}

/**
 * What decides whether the engine can run what a plan creates. pond hands the engine host paths (bind
 * mounts: project files, its query runner) and, for queries, the Linux DuckDB binding npm installed on
 * this machine: both mean something only when the engine runs here, natively, on the same CPU.
 */
export interface FitFacts {
  engine: EngineHost;
  local: LocalMachine;
  /** The containers to be made bind-mount host paths. */
  binds: boolean;
  /** A query container is to be made: the DuckDB packages it mounts that are not installed here. */
  query?: { missing: string[] };
  /** The user says the engine sees this machine's paths as they are (POND_ENGINE_SHARES_PATHS=1). */
  sharedPaths: boolean;
}

/** Why the engine cannot run the plan, in one line, and what to do instead. */
export interface FitProblem {
  message: string;
  hint: string;
}

const ARCH: Record<string, string> = { x86_64: 'x64', amd64: 'x64', aarch64: 'arm64', arm64: 'arm64' };

/** The problems that would make an apply fail halfway or write nowhere; none when it can go ahead. Pure. */
export function engineFitProblems(f: FitFacts): FitProblem[] {
  return [pathsProblem(f), f.query ? duckdbProblem(f, f.query.missing) : undefined].filter(
    (p): p is FitProblem => p !== undefined,
  );
}

function pathsProblem(f: FitFacts): FitProblem | undefined {
  if (!f.binds || f.sharedPaths) return undefined;
  const desktop = /docker desktop/i.test(f.engine.operatingSystem ?? '');
  const elsewhere = f.engine.name !== undefined && f.engine.name !== f.local.hostname;
  if (!desktop && !elsewhere) return undefined;
  const where = desktop
    ? 'Docker Desktop, which runs the engine in a VM'
    : `another machine (the engine's host is "${f.engine.name}", this one is "${f.local.hostname}")`;
  return {
    message: `the engine runs on ${where}: the host paths pond bind-mounts (project files, its query runner) are not this machine's there`,
    hint: "run pond on the machine where dockerd runs (Docker Engine on Linux); if the engine does see this machine's paths as they are (file sharing of the project and pond's install folder), set POND_ENGINE_SHARES_PATHS=1",
  };
}

function duckdbProblem(f: FitFacts, missing: string[]): FitProblem | undefined {
  const os = f.engine.osType ?? 'linux';
  const arch = ARCH[f.engine.architecture ?? ''] ?? f.local.arch;
  const hint = `run pond on a linux-${arch} machine beside the engine (DuckDB comes from the npm install there); the other kinds do not need it`;
  if (os !== 'linux')
    return {
      message: `kind: query runs DuckDB in a Linux container, and this engine runs ${os} containers`,
      hint: 'point DOCKER_HOST at a Linux engine',
    };
  if (f.local.platform !== 'linux' || f.local.arch !== arch) {
    return {
      message: `kind: query mounts this machine's DuckDB into a linux-${arch} container, and npm installed DuckDB for ${f.local.platform}-${f.local.arch} here`,
      hint,
    };
  }
  if (missing.length) {
    return {
      message: `kind: query needs ${missing.join(', ')}, which is not installed beside pond`,
      hint: 'reinstall pond with its optional dependencies (no --omit=optional, no --no-optional)',
    };
  }
  return undefined;
}
