import http from 'node:http';

/** The least client a CLI needs: JSON over the Docker socket with node:http, no library to import. */
export interface HttpEngine {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): void;
}

/** An engine call answered with an error status; `status` lets callers accept e.g. 304. */
export class EngineHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The unix socket of DOCKER_HOST (unix:// only) or the default one. */
export function socketPath(): string {
  const host = process.env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

/** `filters=` for one label, as the list endpoints take it. */
export function labelFilter(label: string): string {
  return `filters=${encodeURIComponent(JSON.stringify({ label: [label] }))}`;
}

/** A keep-alive client with at most `maxSockets` calls in flight. */
export function httpEngine(maxSockets = 16): HttpEngine {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const call = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = payload
        ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
        : {};
      // servername '' as pond's transport does: Node's agent skips deriving an SNI name through its
      // IPv6 check (~5 ms of regular expression) that a socket never uses. The floor pays no less than pond.
      const options = { socketPath: socketPath(), agent, method, path, headers, servername: '' };
      const req = http.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const status = res.statusCode ?? 0;
          if (status >= 400) return reject(new EngineHttpError(status, `${method} ${path}: ${status} ${text.trim()}`));
          resolve((text ? JSON.parse(text) : undefined) as T);
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}
