import { LABEL } from '../../labels.js';
import type { Engine, ObservedWorkload } from '../../engine/types.js';
import { followWorkload } from '../../logs/follow.js';
import { scrubSecrets } from '../../secrets.js';
import type { UiLogLine } from '../types.js';
import { byText } from '../../canonical.js';

export interface LogRequest {
  project: string;
  /** Absent: every workload with a container, interleaved by time. */
  workload?: string;
  tail: number;
  secrets: readonly string[];
  signal: AbortSignal;
}

/**
 * The log lines of a page's `/api/events?logs=…`: the last `tail` lines of each chosen workload's containers, interleaved by
 * time, then every new line as it is printed (following the workload across a restart or replace,
 * as `pond logs -f` does) until the page goes. Every line is scrubbed of the project's secrets.
 */
export async function streamLogs(engine: Engine, req: LogRequest, send: (line: UiLogLine) => void): Promise<void> {
  const { workloads: containers } = await engine.observe(req.project);
  const workloadOf = (c: ObservedWorkload): string => c.labels[LABEL.workload] ?? c.name;
  const names = req.workload ? [req.workload] : [...new Set(containers.map(workloadOf))].sort();
  const emit = (workload: string, l: { stream: 'stdout' | 'stderr'; time?: string; text: string }): void =>
    send({ workload, stream: l.stream, ...(l.time && { time: l.time }), text: scrubSecrets(l.text, req.secrets) });
  const cut = Date.now() / 1000;
  const backlog = await Promise.all(
    names.flatMap((w) => containers.filter((c) => workloadOf(c) === w).map((c) => lines(engine, c, w, req.tail, cut))),
  );
  for (const l of backlog.flat().sort((a, b) => byText(a.time ?? '', b.time ?? ''))) emit(l.workload, l);
  await Promise.all(
    names.map((workload) =>
      followWorkload(engine, { project: req.project, workload, since: cut, signal: req.signal }, (l) =>
        emit(workload, l),
      ),
    ),
  );
}

async function lines(
  engine: Engine,
  c: ObservedWorkload,
  workload: string,
  tail: number,
  until: number,
): Promise<(UiLogLine & { time?: string })[]> {
  const out: UiLogLine[] = [];
  for await (const l of engine.logs(c.id, { follow: false, timestamps: true, tail, until }))
    out.push({ workload, stream: l.stream, ...(l.time && { time: l.time }), text: l.text });
  return out;
}
