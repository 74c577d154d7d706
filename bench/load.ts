import { readFileSync } from 'node:fs';

/** /proc/loadavg's 1, 5 and 15 minute averages as written there ("1.12 1.53 2.91"), or "n/a" off Linux. */
export function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
