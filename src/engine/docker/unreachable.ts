import { EngineUnreachableError } from '../../errors.js';
import type { Endpoint, Transport } from './endpoint.js';

const HINT = 'start Docker, or set DOCKER_HOST / DOCKER_CONTEXT to point pond at another engine';
const TLS_CODE =
  /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

/** Codes that mean no engine answered (as opposed to an engine saying no). */
export const UNREACHABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'EACCES',
  'EPERM',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
  'EINVALID',
  'ESSH',
]);

/** True for a failed TLS handshake or certificate check: the engine is there, but pond may not talk to it. */
export function isTlsFailure(code: string): boolean {
  return TLS_CODE.test(code);
}

/**
 * The unreachable-engine error: which endpoint was tried and where it came from (DOCKER_HOST, a
 * context, the default), why it failed in the transport's own terms, and a hint that fits any
 * install (the docker CLI's variables, never a script of this repository).
 */
export function unreachableError(err: unknown, endpoint: Endpoint): EngineUnreachableError {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  const t = endpoint.transport;
  if (!t)
    return new EngineUnreachableError(
      `cannot use the Docker engine ${where(endpoint)}: ${endpoint.invalid ?? message}`,
      HINT,
    );
  return new EngineUnreachableError(
    `cannot reach the Docker engine ${where(endpoint)}: ${reason(code, message, t)}`,
    hint(code, t),
  );
}

function where(endpoint: Endpoint): string {
  return endpoint.url ? `at ${endpoint.url} (${endpoint.source})` : endpoint.source;
}

function reason(code: string, message: string, t: Transport): string {
  const place = t.kind === 'unix' ? t.socketPath : t.kind === 'tcp' ? `${t.host}:${t.port}` : t.host;
  if (t.kind === 'ssh' && code === 'ENOENT') return 'the ssh command was not found on PATH';
  if (t.kind === 'tcp' && t.tls && (isTlsFailure(code) || code === 'ECONNRESET'))
    return tlsReason(tlsWords(code, message), t.tls);
  const known: Record<string, string> = {
    ENOENT: `no socket at ${place}`,
    EACCES: `permission denied on ${place}`,
    EPERM: `permission denied on ${place}`,
    ECONNREFUSED: `connection refused at ${place}`,
    ENOTFOUND: `host ${place} not found`,
    ESSH: message,
  };
  return known[code] ?? `${place}: ${message}`;
}

/** OpenSSL's alerts in words ("tlsv13 alert certificate required"), without its file and line noise. */
function tlsWords(code: string, message: string): string {
  if (code.startsWith('ERR_SSL_')) return code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ');
  return message.split('\n')[0]!.trim();
}

function tlsReason(message: string, tls: NonNullable<Extract<Transport, { kind: 'tcp' }>['tls']>): string {
  const failed = `TLS connection failed (${message})`;
  if (tls.cert && tls.key) return failed;
  return `${failed}; pond had no client certificate to offer (no cert.pem and key.pem in ${tls.dir ?? 'the certificate folder'}), and the engine may require one`;
}

function hint(code: string, t: Transport): string {
  if (code === 'EACCES' || code === 'EPERM') return `add your user to the docker group, or ${HINT}`;
  if (t.kind === 'ssh')
    return `check that \`ssh ${t.user ? `${t.user}@` : ''}${t.host} docker system dial-stdio\` works (keys, host, docker on its PATH), or ${HINT}`;
  if (t.kind === 'tcp' && t.tls)
    return `check the certificates (ca.pem, cert.pem, key.pem in DOCKER_CERT_PATH or the context), or ${HINT}`;
  return HINT;
}
