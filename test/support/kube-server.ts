import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const SCRIPT = path.join(import.meta.dirname, '../../scripts/kube-apiserver.sh');
/** Where `scripts/kube-apiserver.sh build` leaves the binary; outside the clone, so it outlives one. */
export const KUBE_APISERVER = '/var/cache/pond/kube-apiserver-1.20.2/kube-apiserver';

/** What kubectl said and how it ended: the server's verdict on what it was given. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * etcd and kube-apiserver 1.20 on loopback (scripts/kube-apiserver.sh up): a real API server validates
 * what kubernetes-models' OpenAPI check lets through (value ranges, name formats). It runs no pods.
 */
export interface KubeServer {
  kubeconfig: string;
  /** `kubectl ARGS` with the manifests on stdin, against this server. */
  kubectl(args: string[], input: string): Promise<KubectlResult>;
  stop(): Promise<void>;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, command)));
}

/** Why the server cannot run here (one line with the way to fix it), or undefined when it can. */
export function kubeServerMissing(): string | undefined {
  const missing = [
    fs.existsSync(KUBE_APISERVER) ? [] : [`${KUBE_APISERVER} (bash scripts/kube-apiserver.sh build, 4-14 min)`],
    onPath('etcd') ? [] : ['etcd (apt-get install etcd-server)'],
    onPath('kubectl') ? [] : ['kubectl (apt-get install kubernetes-client)'],
  ].flat();
  return missing.length ? `missing ${missing.join(', ')}` : undefined;
}

function kubectlWith(kubeconfig: string, args: string[], input: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Starts a server in a fresh temp dir; stop() ends both processes and removes the dir. */
export async function startKubeServer(): Promise<KubeServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pond-kube-'));
  const { stdout } = await run('bash', [SCRIPT, 'up', dir], { timeout: 120_000 });
  const kubeconfig = stdout.trim().split('\n').pop()!;
  return {
    kubeconfig,
    kubectl: (args, input) => kubectlWith(kubeconfig, args, input),
    stop: async () => {
      await run('bash', [SCRIPT, 'down', dir], { timeout: 60_000 });
    },
  };
}
