import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A project name no other test run shares, so cleanup by label never touches anyone else's objects. */
export function uniqueProject(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Runs the docker CLI: an independent witness of engine state, not the code under test. */
export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

async function ids(...args: string[]): Promise<string[]> {
  return (await docker(...args)).split('\n').filter(Boolean);
}

/** Removes every container, volume and network labelled with this project, plus the named extras. */
export async function cleanupProject(
  project: string,
  extras: { containers?: string[]; volumes?: string[]; networks?: string[] } = {},
): Promise<void> {
  const filter = `label=dev.pond.project=${project}`;
  const containers = [...(await ids('ps', '-aq', '--filter', filter)), ...(extras.containers ?? [])];
  if (containers.length) await docker('rm', '-f', '-v', ...containers).catch(() => undefined);
  const networks = [...(await ids('network', 'ls', '-q', '--filter', filter)), ...(extras.networks ?? [])];
  if (networks.length) await docker('network', 'rm', ...networks).catch(() => undefined);
  const volumes = [...(await ids('volume', 'ls', '-q', '--filter', filter)), ...(extras.volumes ?? [])];
  if (volumes.length) await docker('volume', 'rm', '-f', ...volumes).catch(() => undefined);
}

/** Retries `fn` until it stops throwing, instead of sleeping a guessed amount. */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
    }
  }
}

/** Resolves when the image exists locally (another job may still be building it). */
export async function waitForImage(image: string, timeoutMs = 120_000): Promise<void> {
  await eventually(() => docker('image', 'inspect', '--format', '{{.Id}}', image), { timeoutMs, intervalMs: 1000 });
}
