import type { Readable } from 'node:stream';

/**
 * The JSON documents of a newline-delimited stream (the engine's /events and pull progress), as they
 * arrive. A line cut across chunks is joined first; blank lines are skipped.
 */
export async function* jsonLines<T>(stream: Readable): AsyncGenerator<T> {
  let buffered = '';
  for await (const chunk of stream) {
    buffered += String(chunk);
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) yield JSON.parse(line) as T;
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered) as T;
}
