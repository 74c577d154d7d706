import { isSecretDigest } from '../desired/display.js';

/**
 * Names what changed between two display specs, one entry per leaf field: "env.MODE: "a" → "b"".
 * Lists are compared whole. A secret on either side prints as "(sensitive) changed", never a value.
 */
export function diffSpecs(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: string[] = [];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    out.push(describe(key, x, y));
  }
  return out;
}

function describe(key: string, x: unknown, y: unknown): string {
  if (isSecretDigest(x) || isSecretDigest(y)) {
    if (x === undefined) return `${key}: (sensitive) added`;
    if (y === undefined) return `${key}: (sensitive) removed`;
    return `${key}: (sensitive) changed`;
  }
  if (x === undefined) return `${key}: added ${show(y)}`;
  if (y === undefined) return `${key}: removed (was ${show(x)})`;
  return `${key}: ${show(x)} → ${show(y)}`;
}

function show(v: unknown): string {
  return JSON.stringify(v);
}

function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out.set(key, v);
  }
  return out;
}
