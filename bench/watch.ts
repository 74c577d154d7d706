import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { cleanup } from './cleanup.js';
import { median, min } from './timing.js';

/**
 * Watch-mode latency: from the moment a pond.yaml save lands on disk to the moment `pond up --watch`
 * starts applying it ("apply:" line), and to the moment the apply is done. One service, its env value
 * changed per save, REPEAT saves a few seconds apart. Usage: node dist/bench/watch.js [--repeat 10]
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 10;
const project = `pond-bench-watch-${process.pid}`;
const stack = (rev: number): string =>
  `version: 1\nname: ${project}\nworkloads:\n  s00:\n    image: busybox:1.35\n    command: [sleep, "3600"]\n    env: { BENCH_REV: "${rev}" }\n`;

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pond-bench-watch-'));
  const file = path.join(dir, 'pond.yaml');
  await fs.writeFile(file, stack(0));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/pond'), 'up', '--watch'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const lines: { at: number; text: string }[] = [];
  let rest = '';
  const onData = (d: Buffer): void => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop()!;
    for (const text of parts) lines.push({ at: performance.now(), text });
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = async (pattern: RegExp, from: number): Promise<number> => {
    for (let i = 0; i < 600; i++) {
      const hit = lines.slice(from).find((l) => pattern.test(l.text));
      if (hit) return hit.at;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`timed out waiting for ${pattern}; output:\n${lines.map((l) => l.text).join('\n')}`);
  };
  const toStart: number[] = [];
  const toDone: number[] = [];
  try {
    await waitFor(/watching/, 0);
    for (let rev = 1; rev <= repeat; rev++) {
      const from = lines.length;
      await fs.writeFile(file, stack(rev));
      const saved = performance.now();
      toStart.push((await waitFor(/apply: Plan:/, from)) - saved);
      toDone.push((await waitFor(/^Apply: 1 done/, from)) - saved);
      await new Promise((r) => setTimeout(r, 1500));
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    await cleanup(new Docker());
  }
  const fmt = (xs: number[]): string =>
    `median ${median(xs).toFixed(0)} ms, min ${min(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
  console.log(`watch latency over ${repeat} saves (debounce ${process.env.POND_WATCH_DEBOUNCE ?? '150ms'}):`);
  console.log(`  save → apply starts: ${fmt(toStart)}`);
  console.log(`  save → apply done:   ${fmt(toDone)} (one container replaced)`);
}

await main();
