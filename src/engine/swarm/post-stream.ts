import type { IncomingMessage } from 'node:http';
import { EngineError } from '../../errors.js';
import type { Connection } from '../docker/connection.js';

/**
 * A POST whose answer is a progress stream (a push, a build): resolves with the stream once the
 * engine answered 2xx, rejects with its message otherwise. `body` is piped when given (a build
 * context); a failing body aborts the request.
 */
export function postStream(
  conn: Connection,
  path: string,
  headers: Record<string, string>,
  body?: NodeJS.ReadableStream,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = conn.dial({ path, method: 'POST', headers });
    req.on('response', (res) => {
      if ((res.statusCode ?? 0) < 300) return resolve(res);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        reject(new EngineError(`(HTTP code ${res.statusCode}) ${Buffer.concat(chunks).toString('utf8').trim()}`)),
      );
    });
    req.on('error', reject);
    if (!body) return req.end();
    body.on('error', (err) => req.destroy(err as Error));
    body.pipe(req);
  });
}
