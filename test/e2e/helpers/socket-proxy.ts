import net from 'node:net';

/**
 * A unix socket that forwards to dockerd's, which a test can cut and restore: to pond (pointed at it
 * through DOCKER_HOST) that looks like a daemon restart, while other tests keep the real engine.
 */
export class SocketProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  /** Client connections accepted so far: the proof that calls went through this proxy. */
  connections = 0;

  constructor(
    readonly path: string,
    private readonly target = '/var/run/docker.sock',
  ) {}

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.path, resolve));
  }

  /** Drops every connection and stops listening: calls now fail with ENOENT/ECONNREFUSED. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
