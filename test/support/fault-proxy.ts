import fs from 'node:fs/promises';
import net from 'node:net';

/**
 * What the proxy does to a matching request instead of (or on top of) forwarding it:
 * - `reset`: the connection is dropped before anything reaches the engine (the client sees "socket hang up");
 * - `drop-answer`: the engine gets the request and answers, the client never hears (a create that
 *   happened although the caller saw only a broken connection);
 * - `mid-answer`: the first bytes of the engine's answer reach the client, then the connection resets;
 * - `status`: the proxy answers `status` itself, the engine never sees the request;
 * - `delay`: waits `ms`, then forwards.
 */
export type Fault =
  | { kind: 'reset' }
  | { kind: 'drop-answer' }
  | { kind: 'mid-answer' }
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'delay'; ms: number };

/** A fault for the first `times` (default 1) requests whose method and path match. */
export interface FaultRule {
  method: string;
  path: RegExp;
  fault: Fault;
  times?: number;
}

/** One request as the proxy saw it, and what it did with it ("forwarded", "reset", "status 503", ...). */
export interface LoggedRequest {
  method: string;
  path: string;
  action: string;
}

interface Head {
  method: string;
  path: string;
  raw: Buffer;
  rest: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * A unix socket in front of dockerd's that injects scripted faults per request. Each client
 * connection carries one request: the head is parsed to match rules and rewritten to
 * `Connection: close`, so the engine closes after its answer and keep-alive clients (node's global
 * agent keeps sockets alive since Node 19) open a fresh connection for the next request.
 */
export class FaultProxy {
  readonly log: LoggedRequest[] = [];
  private readonly rules: (FaultRule & { left: number })[] = [];
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | undefined;

  constructor(
    readonly path: string,
    private readonly target = '/var/run/docker.sock',
  ) {}

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  /** Adds a rule; the earliest added rule with matches left wins. */
  inject(rule: FaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
    return this;
  }

  /** Forgets the rules and the log. */
  reset(): void {
    this.rules.length = 0;
    this.log.length = 0;
  }

  /** The logged requests whose method and path match. */
  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && path.test(r.path));
  }

  async open(): Promise<void> {
    await fs.rm(this.path, { force: true });
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(this.path, resolve));
  }

  /** Drops every connection and stops listening: the socket file is gone (ENOENT) until open(). */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    this.server = undefined;
    await fs.rm(this.path, { force: true });
  }

  private track(s: net.Socket): net.Socket {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
    return s;
  }

  private accept(client: net.Socket): void {
    this.track(client);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const head = parseHead(buffered);
      if (!head) return;
      client.off('data', onData);
      client.pause();
      void this.handle(client, head);
    };
    client.on('data', onData);
  }

  private async handle(client: net.Socket, head: Head): Promise<void> {
    const fault = this.take(head);
    const entry: LoggedRequest = { method: head.method, path: head.path, action: describe(fault) };
    this.log.push(entry);
    if (fault?.kind === 'reset') return cut(client);
    if (fault?.kind === 'status') return void client.end(statusAnswer(fault.status, fault.message));
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    this.forward(client, head, fault);
  }

  private take(head: Head): Fault | undefined {
    const rule = this.rules.find((r) => r.left > 0 && r.method === head.method && r.path.test(head.path));
    if (!rule) return undefined;
    rule.left--;
    return rule.fault;
  }

  private forward(client: net.Socket, head: Head, fault: Fault | undefined): void {
    const upstream = this.track(net.connect(this.target));
    upstream.write(head.raw);
    if (head.rest.length) upstream.write(head.rest);
    client.pipe(upstream);
    client.resume();
    if (fault?.kind === 'drop-answer') {
      upstream.resume();
      upstream.on('end', () => cut(client));
      return;
    }
    if (fault?.kind === 'mid-answer') {
      upstream.once('data', (chunk: Buffer) => {
        client.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))), () => cut(client));
        upstream.destroy();
      });
      return;
    }
    upstream.pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }
}

/** Unix sockets have no RST: destroying without an answer is what the client sees as "socket hang up". */
function cut(socket: net.Socket): void {
  socket.destroy();
}

function describe(fault: Fault | undefined): string {
  if (!fault) return 'forwarded';
  if (fault.kind === 'status') return `status ${fault.status}`;
  if (fault.kind === 'delay') return `delayed ${fault.ms} ms`;
  return fault.kind;
}

/** The request head, rewritten to `Connection: close`, and the body bytes read past it; undefined until complete. */
function parseHead(buffered: Buffer): Head | undefined {
  const end = buffered.indexOf(HEAD_END);
  if (end < 0) return undefined;
  const lines = buffered.subarray(0, end).toString('latin1').split('\r\n');
  const [method = '', path = ''] = (lines[0] ?? '').split(' ');
  const headers = lines.slice(1).filter((l) => !/^connection:/i.test(l) && !/^keep-alive:/i.test(l));
  const raw = Buffer.from([lines[0], ...headers, 'Connection: close', '', ''].join('\r\n'), 'latin1');
  return { method, path, raw, rest: buffered.subarray(end + HEAD_END.length) };
}

function statusAnswer(status: number, message = 'injected by the fault proxy'): string {
  const body = JSON.stringify({ message });
  return `HTTP/1.1 ${status} Injected\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
