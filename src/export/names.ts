import type { Reporter } from '../model/report.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL = 63;
/** Room for the longest suffix pond adds to a workload's name (`-files-NN`, `-isolated`). */
const SUFFIX_ROOM = '-files-99'.length;

/** Whether `name` is a DNS-1123 label: what Kubernetes demands of most object names. */
export function isDnsLabel(name: string): boolean {
  return name.length <= MAX_LABEL && DNS_LABEL.test(name);
}

/** pond's name in Kubernetes' alphabet: `daily_sales` → `daily-sales`; undefined when nothing is left. */
export function dnsName(name: string): string | undefined {
  const mapped = name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  return isDnsLabel(mapped) ? mapped : undefined;
}

/**
 * Every workload's Kubernetes name, or a located error when one cannot be mapped: too long once a
 * suffix is added, or two workloads that map to one name (`a_b` and `a-b`). The longest suffix pond
 * adds is `-files-NN`, so a name must leave room for it.
 */
export function workloadNames(workloads: string[], report: Reporter): Map<string, string> {
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const w of workloads) {
    const mapped = dnsName(w);
    if (!mapped || mapped.length > MAX_LABEL - SUFFIX_ROOM) {
      report.error(
        ['workloads', w],
        'export-name',
        `workload ${w}: no Kubernetes name fits (DNS-1123, at most ${MAX_LABEL - SUFFIX_ROOM} characters here)`,
        'rename the workload: lowercase letters, digits and -',
      );
      continue;
    }
    const other = owners.get(mapped);
    if (other) {
      report.error(
        ['workloads', w],
        'export-name',
        `workloads ${other} and ${w} would both be named "${mapped}" in Kubernetes`,
        'rename one of them so that they differ in more than _ and -',
      );
      continue;
    }
    owners.set(mapped, w);
    names.set(w, mapped);
  }
  return names;
}
