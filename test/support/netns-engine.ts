import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A second dockerd of the test's own, for faults the shared engine must never see (restarts,
 * crashes). It lives in its own network namespace, entered with `nsenter --net=` (`ip netns exec`
 * remounts /sys and hides the cgroup mounts dockerd needs), because a dockerd in the host's
 * namespace deletes the host's docker0 at start. Own socket, data-root, exec-root and pidfile.
 * Needs root, iproute2 and util-linux.
 */
export class NamespacedEngine {
  readonly dir: string;
  private pid: number | undefined;

  constructor(readonly name: string) {
    this.dir = path.join('/tmp', `pond-netns-${name}`);
  }

  get socket(): string {
    return path.join(this.dir, 'docker.sock');
  }

  get dockerHost(): string {
    return `unix://${this.socket}`;
  }

  /** The docker CLI pointed at this engine. */
  async docker(...args: string[]): Promise<string> {
    const { stdout } = await run('docker', ['-H', this.dockerHost, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  }

  async start(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await fs.rm(path.join(this.dir, 'dockerd.pid'), { force: true }); // left by a SIGKILL: dockerd refuses to start over it
    const namespaces = await run('ip', ['netns', 'list']).then((r) => r.stdout);
    if (!namespaces.split('\n').some((l) => l.split(' ')[0] === this.name)) {
      await run('ip', ['netns', 'add', this.name]);
      await run('nsenter', [`--net=/var/run/netns/${this.name}`, 'ip', 'link', 'set', 'lo', 'up']);
    }
    const log = await fs.open(path.join(this.dir, 'dockerd.log'), 'a');
    const child = spawn(
      'nsenter',
      [
        `--net=/var/run/netns/${this.name}`,
        'dockerd',
        '--data-root',
        path.join(this.dir, 'data'),
        '--exec-root',
        path.join(this.dir, 'exec'),
        '--pidfile',
        path.join(this.dir, 'dockerd.pid'),
        '-H',
        this.dockerHost,
      ],
      { detached: true, stdio: ['ignore', log.fd, log.fd] },
    );
    child.unref();
    await log.close();
    await this.waitUp();
    this.pid = Number((await fs.readFile(path.join(this.dir, 'dockerd.pid'), 'utf8')).trim());
  }

  private async waitUp(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await this.docker('version', '--format', '{{.Server.Version}}');
        return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new Error(`test dockerd ${this.name} did not answer: ${String(err)}; log ${this.dir}/dockerd.log`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Stops dockerd (SIGTERM: it stops the containers, as a service restart does) and waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    process.kill(pid, signal);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && alive(pid)) await new Promise((r) => setTimeout(r, 100));
    this.pid = undefined;
  }

  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  /** Copies an image of the shared engine into this one (there is no registry to pull from). */
  async loadImage(image: string): Promise<void> {
    await run('sh', ['-c', `docker save ${image} | docker -H ${this.dockerHost} load -q`]);
  }

  /** Stops the daemon and its containerd, removes the namespace and every file. */
  async destroy(): Promise<void> {
    await this.docker('rm', '-f', ...(await this.docker('ps', '-aq')).split('\n').filter(Boolean)).catch(
      () => undefined,
    );
    await this.stop();
    await run('pkill', ['-f', `containerd.*${this.dir}`]).catch(() => undefined); // its own containerd outlives a SIGKILLed dockerd
    // dockerd bind-mounts its data-root onto itself; the mount outlives the daemon
    const mounts = (await fs.readFile('/proc/mounts', 'utf8'))
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .filter((m) => m.startsWith(this.dir));
    for (const m of mounts.sort().reverse()) await run('umount', ['-l', m]).catch(() => undefined);
    await run('ip', ['netns', 'del', this.name]).catch(() => undefined);
    await fs.rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
