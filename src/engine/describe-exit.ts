/**
 * How a container last stopped, as the engine recorded it. `code` is absent when the engine no
 * longer says (a restarted container reads 0 again once it runs); `memoryLimitBytes` 0 or absent:
 * no limit.
 */
export interface ExitFacts {
  code?: number;
  oomKilled: boolean;
  memoryLimitBytes?: number;
}

/** "code 1", "code 137, OOM-killed (limit 256 MiB)": what up's errors say about an exit. */
export function describeExit(exit: ExitFacts): string {
  const code = exit.code === undefined ? 'an unknown code' : `code ${exit.code}`;
  return exit.oomKilled ? `${code}, ${describeOom(exit.memoryLimitBytes)}` : code;
}

/** "OOM-killed (limit 256 MiB)", or just "OOM-killed" without a limit. */
export function describeOom(memoryLimitBytes?: number): string {
  return memoryLimitBytes ? `OOM-killed (limit ${formatMiB(memoryLimitBytes)})` : 'OOM-killed';
}

/** Mebibytes, as `resources.memory` is usually written: "256 MiB", "1.5 MiB". */
export function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}
