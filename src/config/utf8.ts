import type { Diagnostic } from '../errors.js';

/**
 * The file's text, or a diagnostic at the first byte that is not UTF-8. Decoding with replacement
 * (as readFile(…, 'utf8') does) would turn stray bytes into U+FFFD and let them reach image names
 * and env values unseen. A byte order mark is kept, as the YAML parser expects.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalid(bytes);
    return { diagnostic: invalidByte(file, bytes, bad) };
  }
}

/** Offset of the first byte that does not start a well-formed sequence (Unicode table 3-7). */
export function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** [lowest lead byte, highest, sequence length, allowed range of the second byte]. */
const LEADS: readonly [number, number, number, number, number][] = [
  [0x00, 0x7f, 1, 0, 0],
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf],
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f],
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf],
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f],
];

function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const rule = LEADS.find(([lo, hi]) => lead >= lo && lead <= hi);
  if (!rule) return 0;
  const [, , length, low, high] = rule;
  if (length === 1) return 1;
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if (!isContinuation(bytes[i + k]!)) return 0;
  return length;
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

function invalidByte(file: string, bytes: Uint8Array, bad: number): Diagnostic {
  const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
  const line = 1 + bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length;
  const col = 1 + new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStart, bad)).length;
  const hex = bytes[bad]!.toString(16).padStart(2, '0');
  return {
    code: 'encoding',
    message: `the file is not valid UTF-8: byte 0x${hex} does not belong here`,
    hint: 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or remove the stray bytes',
    location: { file, line, col },
    severity: 'error',
  };
}
