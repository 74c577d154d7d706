import fs from 'node:fs';
import net from 'node:net';
import { openDuck, type Duck } from './duck.js';
import { execute } from './execute.js';
import { headerLine, parseRequest, WARM_SOCKET } from './protocol.js';

/**
 * The warm runner: DuckDB opened once, then one connection per request on a unix socket in the
 * container's tmpfs, so queries run side by side and each can be interrupted alone. A client that
 * goes away mid-query interrupts it. Never resolves: the container is stopped from outside.
 */
export async function serve(env: NodeJS.ProcessEnv): Promise<number> {
  if (fs.existsSync('/work')) process.chdir('/work');
  const duck = await openDuck();
  fs.rmSync(WARM_SOCKET, { force: true });
  const server = net.createServer((sock) => void answer(sock, duck, env.POND_EXTENSIONS || undefined));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(WARM_SOCKET, resolve));
  process.stdout.write('pond query runner: ready\n');
  return new Promise<number>(() => undefined);
}

async function answer(sock: net.Socket, { db, build }: Duck, extensions: string | undefined): Promise<void> {
  sock.on('error', () => undefined);
  const line = await firstLine(sock);
  const req = line === undefined ? undefined : parseRequest(line);
  if (!req) {
    sock.end(headerLine({ code: 2, message: 'pond query runner: not a query request' }));
    return;
  }
  const conn = await db.connect();
  const gone = (): void => conn.interrupt();
  sock.once('close', gone);
  try {
    const outcome = await execute(conn, req, build, extensions);
    sock.off('close', gone);
    if (outcome.code !== 0) sock.end(headerLine({ code: outcome.code, message: outcome.message }));
    else sock.end(Buffer.concat([Buffer.from(headerLine({ code: 0 })), outcome.bytes]));
  } finally {
    conn.closeSync();
  }
}

function firstLine(sock: net.Socket): Promise<string | undefined> {
  return new Promise((resolve) => {
    let buf = '';
    const onData = (d: Buffer): void => {
      buf += d.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      sock.off('data', onData);
      resolve(buf.slice(0, nl));
    };
    sock.on('data', onData);
    sock.once('end', () => resolve(undefined));
  });
}
