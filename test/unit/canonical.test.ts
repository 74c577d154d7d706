import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { byText, canonicalJson, sha256 } from '../../src/canonical.js';

/** The implementation canonicalJson replaced: a sorted copy, then JSON.stringify. Its text is the contract. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
const reference = (v: unknown): string => JSON.stringify(sortKeys(v));

/** A small seeded generator, so a failure names a value that can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const KEYS = ['a', 'B', 'b', 'é', '10', '9', '', '__proto__', 'x y', '"q"', 'zz', '\u2028', '😀'];
function value(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 8 : 11));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r() < 0.5;
    case 3:
      return [0, -0, 1.5, -3, 1e21, 5e-7, NaN, Infinity, -Infinity, 2 ** 53][Math.floor(r() * 10)];
    case 4:
      return ['', 'text', 'quote"and\\slash', 'line\nbreak', '\u0000\u001f', 'é😀', '\ud800'][Math.floor(r() * 7)];
    case 5:
      return () => 1;
    case 6:
      return Symbol('s');
    case 7:
      return 'plain';
    case 8: {
      const a: unknown[] = [];
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) a.push(value(r, depth + 1));
      if (r() < 0.2) a.length += 1; // a hole
      return a;
    }
    default: {
      const o: Record<string, unknown> = JSON.parse('{}');
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++)
        Object.defineProperty(o, KEYS[Math.floor(r() * KEYS.length)]!, {
          value: value(r, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return o;
    }
  }
}

describe('canonicalJson', () => {
  it('writes exactly what the sorted copy and JSON.stringify wrote, on 20,000 seeded values', () => {
    const r = random(13);
    for (let i = 0; i < 20_000; i++) {
      const v = value(r, 0);
      expect(canonicalJson(v), `value #${i}`).toBe(reference(v));
    }
  });

  it('writes the same for every pond.yaml under examples/ and test/, read as data', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.pond') walk(p);
        else if (e.name.endsWith('.yaml')) files.push(p);
      }
    };
    walk('examples');
    walk('test');
    let read = 0;
    for (const f of files) {
      let data: unknown;
      try {
        data = parse(fs.readFileSync(f, 'utf8'));
      } catch {
        continue;
      }
      read++;
      expect(canonicalJson(data), f).toBe(reference(data));
    }
    expect(read).toBeGreaterThan(100);
  });

  it('sorts keys by code unit and leaves a Date as the empty object the copy made of it', () => {
    expect(canonicalJson({ b: 1, B: 2, a: [undefined, { z: 1, y: undefined }] })).toBe(
      '{"B":2,"a":[null,{"z":1}],"b":1}',
    );
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":{}}');
  });

  it('writes objects whose keys are already in order, or in order but for one, as a full sort would', () => {
    const cases: Record<string, unknown>[] = [
      { a: 1, b: 2, c: { x: 1, y: 2 } },
      { a: 1, c: 2, b: 3 },
      { b: 1, a: 2 },
      { '10': 1, '9': 2, a: 3, A: 4 },
      { é: 1, z: 2, Z: 3, '': 4 },
      { only: { one: [{ k: 1 }] } },
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(reference(c));
  });
});

describe('byText', () => {
  it('orders by code unit, as sort() does', () => {
    const names = ['web_2', 'web-2', 'web2', 'Web', 'web', 'web.2', 'db'];
    expect([...names].sort(byText)).toEqual([...names].sort());
  });
});

describe('sha256', () => {
  const texts = ['', 'a', 'é ü 漢字 \u{1F600}', 'x'.repeat(100_000)];
  const expected = (t: string, enc: 'hex' | 'base64url') => crypto.createHash('sha256').update(t).digest(enc);

  it("gives createHash's digest, in hex and base64url, through node's one-shot hash", () => {
    expect(typeof crypto.hash).toBe('function');
    for (const t of texts) {
      expect(sha256(t)).toBe(expected(t, 'hex'));
      expect(sha256(t, 'base64url')).toBe(expected(t, 'base64url'));
    }
  });

  it('gives the same digest on a node without crypto.hash (before 20.12)', () => {
    const oneShot = crypto.hash;
    (crypto as { hash?: unknown }).hash = undefined;
    try {
      for (const t of texts) {
        expect(sha256(t)).toBe(expected(t, 'hex'));
        expect(sha256(t, 'base64url')).toBe(expected(t, 'base64url'));
      }
    } finally {
      crypto.hash = oneShot;
    }
  });
});
