/** Where derived ports start, and how many there are: 7300–7799, clear of the usual dev-server ports. */
const BASE = 7300;
const SPAN = 500;

/** FNV-1a, 32 bits: a stable hash, the same on every machine and Node version. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The port a project's dashboard is at by default, so a bookmark keeps working across runs. */
export function derivedPort(project: string): number {
  return BASE + (fnv1a(project) % SPAN);
}

/** The candidates tried in turn, from `first`: the next ones when it is taken. */
export function candidatePorts(first: number, count = 20): number[] {
  return Array.from({ length: count }, (_, i) => first + i).filter((p) => p <= 65535);
}
