import { LABEL } from '../labels.js';
import type { Reporter } from '../model/report.js';
import { containsSecret } from '../secrets.js';

/** One exported piece (an object, a Compose service) with the workload it came from. */
export interface Piece {
  workload?: string;
  what: string;
  body: unknown;
}

/**
 * The last guard before anything is printed: a secret value outside env (in a command, a file under a
 * read-only bind that became a ConfigMap, a bot's config) would be written in clear. Each such piece
 * is a located error, so the export fails (exit 3) instead of leaking; the message never quotes it.
 */
export function refuseLeaks(pieces: Piece[], secrets: readonly string[], report: Reporter): void {
  for (const p of pieces) {
    if (!containsSecret(JSON.stringify(p.body), secrets)) continue;
    report.error(
      p.workload ? ['workloads', p.workload] : [],
      'export-secret',
      `${p.workload ? `workload ${p.workload}: ` : ''}a secret value would be written in clear in ${p.what}`,
      'pass it through env (secret env is exported by reference), or add --include-secrets for a file you will not commit',
    );
  }
}

/** A Kubernetes object as a piece, its workload read from pond's label. */
export function pieceOf(o: { kind: string; metadata: { name: string; labels: Record<string, string> } }): Piece {
  return { workload: o.metadata.labels[LABEL.workload], what: `${o.kind} ${o.metadata.name}`, body: o };
}
