// The carrier script (baked next to a cluster run's command) and pond's reading of what it prints,
// run for real with this machine's node: what goes in a result folder comes back byte for byte.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARRIER_SOURCE, CARRY_MARK, carriedCommand } from '../../../../src/engine/swarm/carrier.js';
import { decodeCarried, isCarried } from '../../../../src/engine/swarm/carried-files.js';

function carry(script: string): { code: number | null; lines: string[]; dir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-carrier-'));
  const dir = path.join(root, 'out');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(root, 'carry.mjs'), CARRIER_SOURCE);
  const [, , ...args] = carriedCommand([dir], ['sh', '-c', script]);
  const r = spawnSync('node', [path.join(root, 'carry.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean), dir };
}

describe('carrier: result folders handed back through a run’s output', () => {
  it("hands back every file of the folder, byte for byte, nested ones too, after the command's own output", () => {
    const r = carry('echo hello; printf "[1]" > out/result.json; mkdir out/sub; printf x > out/sub/a');
    expect(r.code).toBe(0);
    expect(r.lines[0]).toBe('hello');
    const decoded = decodeCarried(r.lines);
    expect(decoded).toMatchObject({ ok: true });
    if (!decoded.ok) return;
    expect(decoded.files.map((f) => [f.dir, f.rel, f.data.toString()])).toEqual([
      [0, 'result.json', '[1]'],
      [0, 'sub/a', 'x'],
    ]);
  });

  it('carries binary content larger than one line exactly', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-carrier-bin-'));
    const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 31) % 256));
    fs.writeFileSync(path.join(root, 'blob'), bytes);
    const r = carry(`cp ${path.join(root, 'blob')} out/blob`);
    const decoded = decodeCarried(r.lines);
    expect(decoded.ok && decoded.files[0]!.data.equals(bytes)).toBe(true);
    expect(r.lines.filter(isCarried).length).toBeGreaterThan(3);
  });

  it("exits with the command's own exit code", () => {
    expect(carry('exit 7').code).toBe(7);
  });

  it('a missing line, a damaged chunk or a path out of the folder is refused, never written', () => {
    const r = carry('printf abc > out/x');
    const lines = r.lines.filter(isCarried);
    expect(decodeCarried(lines.filter((_, i) => i !== 1))).toMatchObject({ ok: false });
    const damaged = lines.map((l) => (l.includes(' data ') ? l.replace(/ data \S+/, ' data eHl6') : l));
    expect(decodeCarried(damaged)).toMatchObject({ ok: false, why: expect.stringMatching(/damaged/) });
    const escape = lines.map((l) =>
      l.includes(' file ') ? l.replace(/ file 0 \S+/, ` file 0 ${Buffer.from('../../etc/x').toString('base64')}`) : l,
    );
    expect(decodeCarried(escape)).toMatchObject({ ok: false, why: expect.stringMatching(/outside/) });
  });

  it("the carrier's lines are marked so logs leave them out, and the run's own lines are not", () => {
    expect(isCarried(`${CARRY_MARK}0 end 0`)).toBe(true);
    expect(isCarried('pond-carry 0 end 0')).toBe(false);
  });
});
