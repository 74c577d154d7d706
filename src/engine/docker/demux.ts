/** One chunk of container output with the stream it came from. */
export interface Frame {
  stream: 'stdout' | 'stderr';
  data: Buffer;
}

const HEADER = 8;

/**
 * Splits the engine's multiplexed log/attach stream (8-byte header: stream type, 3 zero bytes,
 * big-endian length) into frames, across arbitrary chunk boundaries. A stream that does not start
 * with a valid header (a TTY container) is passed through as stdout.
 */
export async function* demux(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Frame> {
  let pending = Buffer.alloc(0);
  let raw: boolean | undefined;
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    raw ??= !looksMultiplexed(Buffer.concat([pending, buf]));
    if (raw) {
      yield { stream: 'stdout', data: buf };
      continue;
    }
    pending = Buffer.concat([pending, buf]);
    while (pending.length >= HEADER) {
      const size = pending.readUInt32BE(4);
      if (pending.length < HEADER + size) break;
      yield { stream: pending[0] === 2 ? 'stderr' : 'stdout', data: pending.subarray(HEADER, HEADER + size) };
      pending = pending.subarray(HEADER + size);
    }
  }
}

function looksMultiplexed(buf: Buffer): boolean {
  if (buf.length < 4) return true;
  return buf[0]! <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
}

/**
 * Turns frames into complete lines per stream; a trailing partial line is flushed at the end.
 * Lines keep no terminator; a "\r\n" ending loses its "\r".
 */
export async function* lines(frames: AsyncIterable<Frame>): AsyncGenerator<{ stream: Frame['stream']; text: string }> {
  const partial: Record<Frame['stream'], string> = { stdout: '', stderr: '' };
  for await (const frame of frames) {
    const parts = (partial[frame.stream] + frame.data.toString('utf8')).split('\n');
    partial[frame.stream] = parts.pop() ?? '';
    for (const text of parts) yield { stream: frame.stream, text: text.replace(/\r$/, '') };
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    if (partial[stream]) yield { stream, text: partial[stream] };
  }
}
