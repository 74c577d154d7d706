import { httpEngine } from './engine-http.js';
import { floorOp } from './floor.js';
import { OPS, type Op } from './ops.js';

/**
 * Entry for the fresh-process floor: `node dist/bench/floor-process.cjs OP PROJECT N REV CONCURRENCY`
 * (scripts/bundle.mjs bundles it as one CommonJS file).
 * Pays node start-up and nothing else a CLI would not: node:http only, the least calls, then exit.
 */
async function main(argv: string[]): Promise<number> {
  const [op, project, n, rev, concurrency] = argv;
  if (!OPS.includes(op as Op) || !project || !n || !rev || !concurrency) {
    process.stderr.write(`usage: floor-process.cjs ${OPS.join('|')} PROJECT N REV CONCURRENCY\n`);
    return 3;
  }
  await floorOp(httpEngine(Number(concurrency)), op as Op, {
    project,
    n: Number(n),
    rev: Number(rev),
    concurrency: Number(concurrency),
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
