/** Where the carrier script is baked into an image, and the mark its lines start with. */
export const CARRIER_PATH = '/opt/pond/carry.mjs';
export const CARRY_MARK = '\u001epond-carry ';
/** On a service whose run hands result folders back: the folders on pond's machine, in the carrier's order. */
export const COLLECT_LABEL = 'dev.pond.collect';
/** On such a service: the task whose result folders pond has written already. */
export const COLLECTED_LABEL = 'dev.pond.collected';
/** Raw bytes per output line: 4 KB of base64, far below the 16 KB where Docker splits a log line. */
export const CHUNK_BYTES = 3072;

/**
 * The script baked next to a run's command where its result folders cannot be bound (a cluster task):
 * it runs the command with the task's stdio, passes on SIGTERM and SIGINT, and once the command ended
 * prints every file of those folders on stdout as numbered, marked lines (a header with the file's
 * folder index, path, size and sha256; base64 chunks; an end line with the count), then exits with
 * the command's code. Plain Node (a query image has it), no dependencies.
 * `node carry.mjs DIR[,DIR...] -- COMMAND ARGS...`
 */
export const CARRIER_SOURCE = `import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
const MARK = ${JSON.stringify(CARRY_MARK)};
const CHUNK = ${CHUNK_BYTES};
const sep = process.argv.indexOf('--');
const dirs = process.argv[2].split(',');
const [cmd, ...args] = process.argv.slice(sep + 1);
const child = spawn(cmd, args, { stdio: 'inherit' });
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => child.kill(s));
let n = 0;
const say = (text) => fs.writeSync(1, MARK + n++ + ' ' + text + '\\n');
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((e) => {
    const abs = path.join(dir, e.name);
    return e.isDirectory() ? walk(abs) : e.isFile() ? [abs] : [];
  });
child.on('error', (err) => {
  process.stderr.write(String(err.message) + '\\n');
  process.exit(127);
});
child.on('exit', (code, signal) => {
  let files = 0;
  dirs.forEach((dir, i) => {
    if (!fs.existsSync(dir)) return;
    for (const file of walk(dir)) {
      const data = fs.readFileSync(file);
      const rel = Buffer.from(path.relative(dir, file)).toString('base64');
      say('file ' + i + ' ' + rel + ' ' + data.length + ' ' + createHash('sha256').update(data).digest('hex'));
      for (let at = 0; at < data.length; at += CHUNK) say('data ' + data.subarray(at, at + CHUNK).toString('base64'));
      files++;
    }
  });
  say('end ' + files);
  const signals = { SIGTERM: 15, SIGINT: 2, SIGKILL: 9 };
  process.exit(code ?? 128 + (signals[signal] ?? 1));
});
`;

/** The task's command: the carrier around the run's own, with the folders it hands back. */
export function carriedCommand(targets: string[], argv: string[]): string[] {
  return ['node', CARRIER_PATH, targets.join(','), '--', ...argv];
}
