/**
 * pond's layers, bottom to top. A file may import its own layer and the layers below it; a tier that
 * names several folders lets them import each other (no circles, checked apart). Every file under
 * src/ must be placed: a new folder fails the architecture test until it gets a row here.
 */
export const TIERS: { name: string; paths: string[] }[] = [
  {
    name: 'foundation',
    paths: [
      'errors.ts',
      'version.ts',
      'secrets.ts',
      'labels.ts',
      'units.ts',
      'canonical.ts',
      'process-alive.ts',
      'zip.ts',
      'private-file.ts',
      'engine/types.ts',
      'engine/capabilities.ts',
      'engine/describe-exit.ts',
      'engine/describe-probe.ts',
    ],
  },
  { name: 'config', paths: ['config/'] },
  { name: 'import', paths: ['import/'] },
  { name: 'model', paths: ['model/'] },
  { name: 'workloads', paths: ['workloads/'] },
  { name: 'graph', paths: ['graph/'] },
  { name: 'desired', paths: ['desired/'] },
  { name: 'project', paths: ['pipeline.ts', 'all-stages.ts', 'identity.ts'] },
  { name: 'export', paths: ['export/'] },
  { name: 'plan', paths: ['plan/'] },
  { name: 'apply', paths: ['apply/', 'logs/'] },
  { name: 'runs', paths: ['watch/', 'bots/', 'queries/', 'oneoff/', 'lock/'] },
  { name: 'session', paths: ['session/'] },
  { name: 'api', paths: ['api/'] },
  { name: 'ui', paths: ['ui/'] },
  { name: 'cli', paths: ['cli/'] },
];

/**
 * Parts that stand apart from the tiers. `engine/docker/` and `engine/swarm/` implement the engine
 * contract: they see only the foundation (and swarm the docker connection), and only the composition
 * roots choose one. The query runner is a program of its own
 * (bundled apart, run inside a query's container): it imports nothing of pond, and it is that
 * program's entry, so it owns its process.
 */
export const ISLANDS: {
  name: string;
  path: string;
  mayImport: string[];
  importedBy?: string[];
  ownsProcess?: boolean;
}[] = [
  {
    name: 'engine/docker',
    path: 'engine/docker/',
    mayImport: ['foundation'],
    importedBy: ['engine/swarm', 'session', 'api', 'cli'],
  },
  // The Swarm backend speaks the same HTTP API through the Docker backend's connection.
  {
    name: 'engine/swarm',
    path: 'engine/swarm/',
    mayImport: ['foundation', 'engine/docker'],
    importedBy: ['session', 'api', 'cli'],
  },
  { name: 'query runner', path: 'workloads/query/runner/', mayImport: [], ownsProcess: true },
  // The dashboard's page runs in the browser: it knows pond only through the JSON shapes it is sent.
  { name: 'ui contract', path: 'ui/types.ts', mayImport: [] },
  { name: 'ui page', path: 'ui/page/', mayImport: ['ui contract'] },
];

/** The only layer that may touch the process (argv, TTY, standard streams, signals, exit). */
export const PROCESS_OWNER = 'cli';

/**
 * Files that read process.env outside cli/; everything else gets its environment passed down. The one
 * left is the library's composition root: `Pond.load` is what a test suite calls, and its caller's
 * process environment (DOCKER_HOST, POND_LOCK_DIR, `${VAR}`) is what the CLI would see, so it is the
 * default, read there and nowhere else. The list may only shrink.
 */
export const KNOWN_ENV_READERS = ['api/pond.ts'];

export interface Placement {
  /** The tier or island the file belongs to. */
  layer: string;
  /** The folder (or root file) the file is part of: the unit circles are checked between. */
  unit: string;
  /** The tier's position; undefined for an island. */
  rank?: number;
}

/** Where a path under src/ (given relative to src/) sits; undefined when no row places it. */
export function place(rel: string): Placement | undefined {
  const island = ISLANDS.find((i) => rel.startsWith(i.path));
  if (island) return { layer: island.name, unit: island.path };
  let best: { path: string; tier: number } | undefined;
  TIERS.forEach((t, tier) => {
    for (const p of t.paths)
      if ((rel === p || (p.endsWith('/') && rel.startsWith(p))) && (!best || p.length > best.path.length))
        best = { path: p, tier };
  });
  if (!best) return undefined;
  return { layer: TIERS[best.tier]!.name, unit: best.path, rank: best.tier };
}

/** Why `from` may not import `to`; undefined when it may. */
export function forbidden(from: Placement, to: Placement): string | undefined {
  if (from.unit === to.unit) return undefined;
  const fromIsland = ISLANDS.find((i) => i.name === from.layer);
  const toIsland = ISLANDS.find((i) => i.name === to.layer);
  if (fromIsland && !fromIsland.mayImport.includes(to.layer))
    return `${from.layer} may import only ${[...fromIsland.mayImport, 'itself'].join(', ')}`;
  if (toIsland?.importedBy && !toIsland.importedBy.includes(from.layer))
    return `only ${toIsland.importedBy.join(', ')} may import ${to.layer}`;
  if (fromIsland || toIsland) return undefined;
  if (to.rank! > from.rank!) return `${from.layer} may not import ${to.layer}`;
  return undefined;
}
