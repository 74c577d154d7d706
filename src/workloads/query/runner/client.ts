import net from 'node:net';
import type { Format } from './encode.js';
import { requestLine, splitHeader, WARM_SOCKET } from './protocol.js';

/** How long a client waits for a runner that is still opening DuckDB (a fresh container). */
const CONNECT_PATIENCE_MS = 30_000;
const CONNECT_RETRY_MS = 10;

/**
 * The per-query client `pond query` execs into a warm runner container: the request from its env
 * (POND_SQL, POND_FORMAT, POND_EXPLAIN, POND_TIMEOUT_MS), the result's bytes on stdout, DuckDB's
 * message on stderr, and the runner's code as its exit code (124: interrupted at the deadline).
 */
export async function client(env: NodeJS.ProcessEnv, socketPath = WARM_SOCKET): Promise<number> {
  const sock = await connect(socketPath, Date.now() + CONNECT_PATIENCE_MS);
  const timeoutMs = Number(env.POND_TIMEOUT_MS);
  sock.write(
    requestLine({
      sql: env.POND_SQL ?? '',
      format: (env.POND_FORMAT ?? 'json') as Format,
      explain: env.POND_EXPLAIN === '1',
      ...(timeoutMs > 0 && { timeoutMs }),
    }),
  );
  return relay(sock);
}

function relay(sock: net.Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let head: Buffer | undefined = Buffer.alloc(0);
    let code = 2;
    sock.on('data', (d: Buffer) => {
      if (!head) return void process.stdout.write(d);
      const split = splitHeader(Buffer.concat([head, d]));
      if (!split) return void (head = Buffer.concat([head, d]));
      head = undefined;
      code = split.header.code;
      if (split.header.message) process.stderr.write(`${split.header.message}\n`);
      if (split.rest.length) process.stdout.write(split.rest);
    });
    sock.once('error', reject);
    sock.once('end', () => (head ? reject(new Error('the warm runner closed without an answer')) : resolve(code)));
  });
}

async function connect(socketPath: string, deadline: number): Promise<net.Socket> {
  for (;;) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const s = net.connect(socketPath, () => (s.off('error', reject), resolve(s)));
        s.once('error', reject);
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, CONNECT_RETRY_MS));
    }
  }
}
