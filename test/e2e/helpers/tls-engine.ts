import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { tempDir } from '../../support/temp-dir.js';

const run = promisify(execFile);

/**
 * A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl in a temp
 * folder: `dir` holds ca.pem, cert.pem and key.pem as DOCKER_CERT_PATH expects, `caOnly` the CA alone.
 */
export async function makeCertificates(): Promise<{
  dir: string;
  caOnly: string;
  server: { key: string; cert: string };
}> {
  const work = tempDir('pond-tls-', { keep: 'file' });
  const dir = path.join(work, 'client');
  const caOnly = path.join(work, 'ca-only');
  await Promise.all([fs.mkdir(dir), fs.mkdir(caOnly)]);
  const at = (f: string): string => path.join(work, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca-key.pem'),
    '-out',
    at('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=pond-test-ca',
  ]);
  await fs.writeFile(at('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await fs.writeFile(at('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, subject] of [
    ['server', '/CN=127.0.0.1'],
    ['client', '/CN=pond-client'],
  ] as const) {
    await run('openssl', ['req', ...ec, '-keyout', at(`${name}-key.pem`), '-out', at(`${name}.csr`), '-subj', subject]);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca-key.pem'),
      '-CAcreateserial',
      '-out',
      at(`${name}-cert.pem`),
      '-days',
      '1',
      '-extfile',
      at(`${name}.ext`),
    ]);
  }
  await fs.copyFile(at('ca.pem'), path.join(dir, 'ca.pem'));
  await fs.copyFile(at('ca.pem'), path.join(caOnly, 'ca.pem'));
  await fs.copyFile(at('client-cert.pem'), path.join(dir, 'cert.pem'));
  await fs.copyFile(at('client-key.pem'), path.join(dir, 'key.pem'));
  return { dir, caOnly, server: { key: at('server-key.pem'), cert: at('server-cert.pem') } };
}

/**
 * A TLS front for dockerd's socket on 127.0.0.1 that requires a client certificate signed by the
 * test CA, like a dockerd started with --tlsverify, without touching the host daemon's configuration.
 */
export class TlsEngine {
  private server: tls.Server | undefined;
  /** Connections that presented a valid client certificate. */
  authorized = 0;

  constructor(
    private readonly certs: { dir: string; server: { key: string; cert: string } },
    private readonly target = '/var/run/docker.sock',
  ) {}

  async open(): Promise<number> {
    const [key, cert, ca] = await Promise.all([
      fs.readFile(this.certs.server.key),
      fs.readFile(this.certs.server.cert),
      fs.readFile(path.join(this.certs.dir, 'ca.pem')),
    ]);
    this.server = tls.createServer(
      { key, cert, ca, requestCert: true, rejectUnauthorized: true, allowHalfOpen: true },
      (client) => {
        this.authorized++;
        const upstream = net.connect(this.target);
        for (const s of [client, upstream]) s.on('error', () => undefined);
        client.pipe(upstream).pipe(client);
      },
    );
    this.server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
