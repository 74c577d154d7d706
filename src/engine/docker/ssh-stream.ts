import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { Duplex } from 'node:stream';

const EXIT_GRACE_MS = 250;

/** The ssh endpoint parts that shape the command line. */
export interface SshTarget {
  host: string;
  user?: string;
  port?: number;
  socketPath?: string;
}

/**
 * The docker CLI's way to reach an engine over ssh, without an ssh library: `ssh … host docker
 * system dial-stdio` relays the remote engine's socket over the process's stdin and stdout, and
 * the user's ssh config, keys and agent apply as for any ssh command.
 */
export function sshArgs(t: SshTarget): string[] {
  const remote = ['docker', ...(t.socketPath ? ['--host', `unix://${t.socketPath}`] : []), 'system', 'dial-stdio'];
  return [
    '-o',
    'ConnectTimeout=30',
    '-T',
    ...(t.user ? ['-l', t.user] : []),
    ...(t.port ? ['-p', String(t.port)] : []),
    '--',
    t.host,
    ...remote,
  ];
}

/**
 * An http.Agent whose connections are ssh processes: keep-alive reuses one for request after
 * request (each new one costs an ssh handshake), and a hijacked exec stream takes one for itself.
 */
export function sshAgent(t: SshTarget): http.Agent {
  const agent = new http.Agent({ keepAlive: true });
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () =>
    new CommandStream(spawn('ssh', sshArgs(t), { stdio: 'pipe' }));
  return agent;
}

/**
 * A child process's stdout and stdin as one socket-like stream. A process that ends with a
 * non-zero status before the stream was closed fails it with code ESSH and the last line ssh printed.
 */
class CommandStream extends Duplex {
  private stderr = '';
  private timer: NodeJS.Timeout | undefined;
  private idleMs = 0;
  private closing = false;
  private ended = false;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    super({ allowHalfOpen: true });
    child.stdout.on('data', (chunk: Buffer) => {
      this.touch();
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stdout.on('end', () => this.outputEnded());
    child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000)));
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => this.destroy(err));
    child.on('close', (code, signal) => this.exited(code, signal));
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.touch();
    this.child.stdin.write(chunk, () => done());
  }

  override _final(done: (err?: Error | null) => void): void {
    this.child.stdin.end(done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.closing = true;
    clearTimeout(this.timer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    done(err);
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    for (const h of [this.child, this.child.stdout, this.child.stdin, this.child.stderr])
      (h as { ref?: () => void }).ref?.();
    return this;
  }

  unref(): this {
    for (const h of [this.child, this.child.stdout, this.child.stdin, this.child.stderr])
      (h as { unref?: () => void }).unref?.();
    return this;
  }

  private endOutput(): void {
    if (this.ended) return;
    this.ended = true;
    this.push(null);
  }

  private touch(): void {
    clearTimeout(this.timer);
    if (this.idleMs > 0) this.timer = setTimeout(() => this.emit('timeout'), this.idleMs).unref();
  }

  /**
   * The output ended: the engine closed the connection, or ssh is exiting. The process's status
   * decides which, so wait for it a moment before telling the reader it was a clean end.
   */
  private outputEnded(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null)
      return this.exited(this.child.exitCode, this.child.signalCode);
    const grace = setTimeout(() => this.endOutput(), EXIT_GRACE_MS).unref();
    this.child.once('exit', () => clearTimeout(grace));
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    clearTimeout(this.timer);
    if (this.closing || this.ended) return;
    if (code === 0) return this.endOutput();
    const said = this.stderr.trim().split('\n').pop()?.trim();
    const status = code !== null ? `exited with status ${code}` : `was killed by ${signal}`;
    this.destroy(Object.assign(new Error(`ssh ${status}${said ? `: ${said}` : ''}`), { code: 'ESSH' }));
  }
}
