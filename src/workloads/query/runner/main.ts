/**
 * The query runner: runs inside the query's container (the official node image) with DuckDB mounted
 * read-only from pond's own install. Bundled on its own by scripts/bundle.mjs into
 * dist/query-runner.mjs with DuckDB's JavaScript API inlined; its native binding
 * (@duckdb/node-bindings) stays external and resolves from /opt/pond/node_modules.
 *
 * Three modes, by its first argument:
 * - none: one query. Env: POND_SQL the SQL text; POND_FORMAT json | csv | arrow; POND_OUTPUT the
 *   file to write (written to a temporary name beside it, then renamed); POND_EXPLAIN=1 writes
 *   DuckDB's plan as text instead; POND_TIMEOUT_MS the query's own deadline (exit 124 past it, even
 *   with pond gone). A failing query prints DuckDB's own message on stderr (and, when an extension
 *   was missing, what to do about it) and exits 1.
 * - `serve`: the warm runner (serve.ts), DuckDB kept open, queries taken on a unix socket.
 * - `client`: one query sent to the warm runner (client.ts), exec'd by pond into its container.
 *
 * POND_EXTENSIONS is the `extensions:` folder as written in pond.yaml, mounted at EXTENSIONS_MOUNT.
 * Working directory /work, where the inputs are mounted at their project paths. Extensions never
 * download (extensions.ts). DuckDB is loaded only by the modes that query: the client stays light.
 */
/** Imported on use: the client never evaluates DuckDB's or Arrow's code. */
const modes: Record<string, () => Promise<(env: NodeJS.ProcessEnv) => Promise<number>>> = {
  serve: async () => (await import('./serve.js')).serve,
  client: async () => (await import('./client.js')).client,
  '': async () => (await import('./oneshot.js')).runOnce,
};

(modes[process.argv[2] ?? ''] ?? modes['']!)()
  .then((mode) => mode(process.env))
  .then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`pond query runner: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
