import { OPS, rawClient, rawOp, type Op } from './raw.js';

/**
 * Entry for the fresh-process raw baseline: `node dist/bench/raw-process.js OP PROJECT N REV CONCURRENCY`.
 * Pays node start-up and the dockerode import, like a CLI does, then does exactly what the in-process
 * baseline does. Exit 0 on success, 1 with the error on stderr otherwise.
 */
async function main(argv: string[]): Promise<number> {
  const [op, project, n, rev, concurrency] = argv;
  if (!OPS.includes(op as Op) || !project || !n || !rev || !concurrency) {
    process.stderr.write('usage: raw-process.js cold|noop|change|down PROJECT N REV CONCURRENCY\n');
    return 3;
  }
  await rawOp(rawClient(), op as Op, { project, n: Number(n), rev: Number(rev), concurrency: Number(concurrency) });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
