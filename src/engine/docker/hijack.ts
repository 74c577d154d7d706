import type { Duplex } from 'node:stream';
import type { HttpError } from './connection.js';
import type { Dial } from './transport.js';

/**
 * POSTs `body` (if any) to `path` (over whichever transport `dial` speaks) asking the engine to turn the connection into a raw two-way stream (HTTP
 * 101, `Upgrade: tcp`): how exec and attach carry stdin alongside the output. Resolves with the
 * socket, any bytes that arrived with the answer already in front of its data; an engine that
 * answers with a status instead (404, 409) rejects with an HttpError carrying its message.
 */
export function hijack(dial: Dial, path: string, body?: unknown): Promise<Duplex> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const headers = {
    ...(payload && { 'content-type': 'application/json' }),
    'content-length': Buffer.byteLength(payload),
    connection: 'Upgrade',
    upgrade: 'tcp',
  };
  return new Promise((resolve, reject) => {
    const req = dial({ path, method: 'POST', headers });
    req.on('upgrade', (_res, socket, head) => {
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => reject(statusError(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function statusError(status: number, body: string): HttpError {
  let message = body.trim();
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    // a plain-text answer is its own message
  }
  return Object.assign(new Error(`(HTTP code ${status}) ${message}`), { statusCode: status, json: { message } });
}
