import type { Reporter } from '../model/report.js';
import type { Exported } from './inputs.js';
import { dnsName } from './names.js';

/** The `@hourly`-style schedules both pond's cron parser and a Kubernetes CronJob read alike. */
const NICKNAME = /^@(yearly|annually|monthly|weekly|daily|hourly)$/;

/**
 * What cannot be exported at all, as located errors: a workload in another's network namespace would
 * have to be a second container of that pod, and a schedule with seconds has no CronJob form (five
 * fields only). Partial losses (a log probe, a writable folder) are warnings instead: the rest still
 * runs.
 */
export function refuseUnexportable(items: Exported[], volumes: string[], report: Reporter): void {
  refuseVolumeCollisions(volumes, report);
  for (const { w } of items) {
    if (w.network.startsWith('workload:'))
      report.error(
        ['workloads', w.name, 'network'],
        'export-network',
        `workload ${w.name}: network: ${w.network} has no Kubernetes equivalent outside one pod`,
        'drop network:, so it reaches the other workload by its name',
      );
    const schedule = w.bot?.schedule;
    if (schedule && !NICKNAME.test(schedule.trim()) && schedule.trim().split(/\s+/).length !== 5)
      report.error(
        ['workloads', w.name, 'schedule'],
        'export-schedule',
        `workload ${w.name}: schedule "${schedule}" has seconds; a Kubernetes CronJob takes five fields`,
        'write it as "min hour day month weekday", such as "*/5 * * * *"',
      );
  }
}

/** Two named volumes that map to one claim name would share one claim. */
function refuseVolumeCollisions(volumes: string[], report: Reporter): void {
  const seen = new Map<string, string>();
  for (const v of [...volumes].sort()) {
    const claim = dnsName(v);
    const other = claim === undefined ? undefined : seen.get(claim);
    if (claim && !other) {
      seen.set(claim, v);
      continue;
    }
    report.error(
      ['volumes', v],
      'export-name',
      other
        ? `volumes ${other} and ${v} would both be claimed as "${claim}" in Kubernetes`
        : `volume ${v}: no Kubernetes name fits`,
      'rename the volume: lowercase letters, digits and -',
    );
  }
}
