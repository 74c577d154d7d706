#!/usr/bin/env node
// Writes a pond.yaml of N plain services, each depending on up to three earlier ones, for measuring
// how pond scales. Deterministic: the same N and seed give the same file.
// Usage: node scripts/gen-large.mjs N [out-dir] [seed] [--compact]   (out-dir defaults to /tmp/pond-large-N)
// --compact writes each workload on one line, so 10,000 of them stay under pond's 1 MiB file cap.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const compact = process.argv.includes('--compact');
const args = process.argv.slice(2).filter((a) => a !== '--compact');
const n = Number(args[0] ?? 1000);
const dir = args[1] ?? `/tmp/pond-large-${n}${compact ? '-compact' : ''}`;
const seed = Number(args[2] ?? 1);
if (!Number.isInteger(n) || n < 1) throw new Error('usage: gen-large.mjs N [out-dir] [seed]');

let state = seed >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};

const width = String(n).length;
const nameOf = (i) => `svc-${String(i).padStart(width, '0')}`;
const shuffled = [...Array(n).keys()].sort(() => random() - 0.5);

const lines = ['version: 1', `name: large-${n}`, '', 'workloads:'];
for (let i = 0; i < n; i++) {
  const deps = new Set();
  const wanted = i === 0 ? 0 : Math.floor(random() * 4);
  for (let d = 0; d < wanted; d++) deps.add(nameOf(shuffled[Math.floor(random() * i)]));
  if (compact) {
    const dependsOn = deps.size > 0 ? `, depends_on: [${[...deps].sort().join(', ')}]` : '';
    lines.push(`  ${nameOf(shuffled[i])}: {image: busybox:1.35, command: [sleep, "3600"]${dependsOn}}`);
    continue;
  }
  lines.push(`  ${nameOf(shuffled[i])}:`);
  lines.push('    image: busybox:1.35');
  lines.push('    command: [sleep, "3600"]');
  lines.push('    env:');
  lines.push(`      INDEX: "${i}"`);
  lines.push('      MODE: bench');
  lines.push('    resources: { memory: 16m }');
  if (deps.size > 0) lines.push(`    depends_on: [${[...deps].sort().join(', ')}]`);
}
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'pond.yaml'), `${lines.join('\n')}\n`);
process.stdout.write(`${path.join(dir, 'pond.yaml')}\n`);
