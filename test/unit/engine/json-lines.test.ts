import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonLines } from '../../../src/engine/docker/json-lines.js';

const collect = async (chunks: string[]): Promise<unknown[]> => {
  const out: unknown[] = [];
  for await (const doc of jsonLines(Readable.from(chunks))) out.push(doc);
  return out;
};

describe('newline-delimited JSON from the engine', () => {
  it('a document cut across chunks is read whole, blank lines skipped, a last line without newline kept', async () => {
    expect(await collect(['{"a":', '1}\n\n{"b"', ':2}\n{"c":3}'])).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });
});
