import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readCapped } from '../../../src/config/caps.js';
import { tempDir } from '../../support/temp-dir.js';

describe('readCapped', () => {
  it('reads a regular file whole, an empty one as no bytes, one at the cap in full', async () => {
    const dir = tempDir('pond-caps-');
    const small = path.join(dir, 'small.yaml');
    const empty = path.join(dir, 'empty.yaml');
    const full = path.join(dir, 'full.yaml');
    fs.writeFileSync(small, 'version: 1\n');
    fs.writeFileSync(empty, '');
    fs.writeFileSync(full, Buffer.alloc(MAX_FILE_BYTES, 0x61));
    expect((await readCapped(small))?.toString()).toBe('version: 1\n');
    expect((await readCapped(empty))?.length).toBe(0);
    expect((await readCapped(full))?.equals(Buffer.alloc(MAX_FILE_BYTES, 0x61))).toBe(true);
  });

  it('reads a regular file at once: removed right after the call, its bytes are what comes back', async () => {
    const file = path.join(tempDir('pond-caps-'), 'pond.yaml');
    fs.writeFileSync(file, 'version: 1\n');
    const reading = readCapped(file);
    fs.rmSync(file);
    expect((await reading)?.toString()).toBe('version: 1\n');
  });

  it('refuses a regular file one byte over the cap', async () => {
    const file = path.join(tempDir('pond-caps-'), 'big.yaml');
    fs.writeFileSync(file, Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    expect(await readCapped(file)).toBeUndefined();
  });

  it('refuses an endless device after reading one byte past the cap', async () => {
    expect(await readCapped('/dev/zero')).toBeUndefined();
  });

  it('reads a pipe without holding the process: its writer, in this process, runs meanwhile', async () => {
    const fifo = path.join(tempDir('pond-caps-'), 'pond.yaml');
    execFileSync('mkfifo', [fifo]);
    const reading = readCapped(fifo);
    // A synchronous read would block here until a writer came, and the writer is below.
    await new Promise((r) => setTimeout(r, 20));
    const writer = fs.createWriteStream(fifo);
    writer.end('version: 1\nworkloads: {}\n');
    expect((await reading)?.toString()).toBe('version: 1\nworkloads: {}\n');
  });

  it('fails on a missing file with its code, as the caller reports it', async () => {
    await expect(readCapped(path.join(tempDir('pond-caps-'), 'nope.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
