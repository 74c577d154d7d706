import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../canonical.js';
import { readPrivate, writePrivate } from '../private-file.js';

/**
 * What the config stage keeps between runs, beside the V8 code cache: parsed files (parse-cache.ts)
 * and schema checks that passed (schema-cache.ts). Each entry is named after its kind, the build of
 * pond that made it and the SHA-256 of everything it was made from, so it is that build's answer for
 * exactly those bytes: nothing else can make it stale, and another build never reads it. Entries are
 * private, the user's own (private-file.ts); another build's are dropped on a write, and past
 * MAX_ENTRIES of a kind the oldest go. Off (nothing read or written) until the CLI turns it on.
 */
export interface KeptSite {
  dir: string;
  /** The build of pond running (compile-cache.ts's bundleBuild). */
  build: string;
}

export type KeptKind = 'tree' | 'valid';

/** Enough for every file of a few projects and the edits of a watch session. */
export const MAX_ENTRIES = 64;

let site: KeptSite | undefined;

/** Turns keeping on for this process (the CLI does, for the build it runs), or off. */
export function keepBetweenRuns(where: KeptSite | undefined): void {
  site = where;
}

export function keepingOn(): boolean {
  return site !== undefined;
}

/** The folder the entries are kept in, while keeping is on. */
export function keptDir(): string | undefined {
  return site?.dir;
}

export function keptName(kind: KeptKind, build: string, text: string): string {
  return `${kind}-${build}-${sha256(text, 'base64url')}.json`;
}

/** Entries this process asked for, and those it did not find. */
let asked = 0;
let missed = 0;

/** The entry made from `text`, or undefined (none, not private, keeping off). */
export function readKept(kind: KeptKind, text: string): Buffer | undefined {
  if (!site) return undefined;
  asked++;
  const entry = readPrivate(path.join(site.dir, keptName(kind, site.build, text)));
  if (!entry) missed++;
  return entry;
}

/**
 * Whether this process asked for kept entries and found every one: it read its configuration and did
 * none of the first-time work (a parse, the schema check) an entry spares. compile-cache.ts keeps the
 * code of such a run as the one later runs start from.
 */
export function foundAllKept(): boolean {
  return asked > 0 && missed === 0;
}

/** Keeps `bytes` as the entry made from `text`; never throws. */
export function writeKept(kind: KeptKind, text: string, bytes: string): void {
  const at = site;
  if (!at || !writePrivate(at.dir, path.join(at.dir, keptName(kind, at.build, text)), bytes)) return;
  try {
    prune(at, kind);
  } catch {
    // Left for the next write.
  }
}

/** Drops other builds' entries of this kind, then the oldest of this build's past MAX_ENTRIES. */
function prune(at: KeptSite, kind: KeptKind): void {
  const mine = `${kind}-${at.build}-`;
  const kept: { file: string; mtime: number }[] = [];
  for (const name of fs.readdirSync(at.dir)) {
    if (!name.startsWith(`${kind}-`) || !name.endsWith('.json')) continue;
    const file = path.join(at.dir, name);
    if (!name.startsWith(mine)) fs.rmSync(file, { force: true });
    else kept.push({ file, mtime: fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 });
  }
  kept.sort((a, b) => b.mtime - a.mtime);
  for (const old of kept.slice(MAX_ENTRIES)) fs.rmSync(old.file, { force: true });
}
