import { describe, expect, it } from 'vitest';
import { engineFitProblems, type FitFacts } from '../../../src/apply/engine-fit.js';

const native: FitFacts = {
  engine: { name: 'box', operatingSystem: 'Debian GNU/Linux 12 (bookworm)', osType: 'linux', architecture: 'x86_64' },
  local: { hostname: 'box', platform: 'linux', arch: 'x64' },
  binds: true,
  query: { missing: [] },
  sharedPaths: false,
};
const messages = (f: FitFacts): string[] => engineFitProblems(f).map((p) => p.message);

describe('whether the engine can run what pond creates', () => {
  it('a native engine on this linux-x64 machine runs binds and queries', () => {
    expect(engineFitProblems(native)).toEqual([]);
  });

  it('Docker Desktop is refused for host paths, naming it and the POND_ENGINE_SHARES_PATHS way out', () => {
    const [p, ...rest] = engineFitProblems({
      ...native,
      engine: { ...native.engine, operatingSystem: 'Docker Desktop', name: 'docker-desktop' },
      query: undefined,
    });
    expect(rest).toEqual([]);
    expect(p!.message).toMatch(/Docker Desktop/);
    expect(p!.hint).toMatch(/POND_ENGINE_SHARES_PATHS=1/);
  });

  it('an engine whose host is another machine is refused for host paths, naming both hosts', () => {
    expect(messages({ ...native, engine: { ...native.engine, name: 'far' }, query: undefined })).toEqual([
      expect.stringMatching(/"far".*"box"/),
    ]);
  });

  it('without bind mounts, a VM or remote engine is fine', () => {
    expect(
      engineFitProblems({
        ...native,
        binds: false,
        query: undefined,
        engine: { ...native.engine, operatingSystem: 'Docker Desktop', name: 'far' },
      }),
    ).toEqual([]);
  });

  it('POND_ENGINE_SHARES_PATHS lets host paths through to a VM engine', () => {
    expect(
      engineFitProblems({
        ...native,
        sharedPaths: true,
        engine: { ...native.engine, operatingSystem: 'Docker Desktop', name: 'docker-desktop' },
      }),
    ).toEqual([]);
  });

  it('a query from a macOS machine is refused: npm installed DuckDB for darwin, the container is linux', () => {
    const problems = engineFitProblems({
      ...native,
      sharedPaths: true,
      local: { hostname: 'box', platform: 'darwin', arch: 'arm64' },
      engine: { ...native.engine, architecture: 'aarch64' },
    });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/linux-arm64 container.*darwin-arm64/)]);
    expect(problems[0]!.hint).toMatch(/linux-arm64 machine/);
  });

  it('a query on an engine of another CPU than this machine is refused', () => {
    expect(messages({ ...native, engine: { ...native.engine, architecture: 'aarch64' } })).toEqual([
      expect.stringMatching(/linux-arm64 container.*linux-x64/),
    ]);
  });

  it('a query on a Windows-containers engine is refused', () => {
    expect(messages({ ...native, engine: { ...native.engine, osType: 'windows' } })).toEqual([
      expect.stringMatching(/runs windows containers/),
    ]);
  });

  it('a query whose DuckDB binding npm left out is refused, naming the package', () => {
    expect(messages({ ...native, query: { missing: ['@duckdb/node-bindings-linux-x64'] } })).toEqual([
      expect.stringMatching(/needs @duckdb\/node-bindings-linux-x64/),
    ]);
  });

  it('an engine that does not describe its host is not refused', () => {
    expect(engineFitProblems({ ...native, engine: {} })).toEqual([]);
  });
});
