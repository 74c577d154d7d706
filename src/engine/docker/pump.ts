import type { Duplex } from 'node:stream';
import type { StdioStreams } from '../types.js';
import { demux } from './demux.js';

/**
 * Copies stdin into a hijacked socket (closing its write side at end of input) and the output out,
 * until the output ends: the process is what finishes the stream, not its input. A TTY's output is
 * raw bytes; otherwise it is demultiplexed so stdout and stderr stay apart.
 */
export async function pump(socket: Duplex, io: Omit<StdioStreams, 'resize'>): Promise<void> {
  const stdin = io.stdin;
  const onData = (chunk: Buffer | string): void => void socket.write(chunk);
  const onEnd = (): void => void socket.end();
  stdin?.on('data', onData);
  stdin?.on('end', onEnd);
  try {
    if (io.tty) for await (const chunk of socket) io.stdout.write(chunk as Buffer);
    else for await (const frame of demux(socket)) (frame.stream === 'stderr' ? io.stderr : io.stdout).write(frame.data);
  } finally {
    stdin?.removeListener('data', onData);
    stdin?.removeListener('end', onEnd);
    stdin?.pause();
    socket.destroy();
  }
}
