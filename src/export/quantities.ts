const UNITS: [string, number][] = [
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/** Bytes as a Kubernetes quantity (`512Mi`), exact: a size that no binary unit divides stays in bytes. */
export function memoryQuantity(bytes: number): string {
  for (const [unit, size] of UNITS) if (bytes % size === 0) return `${bytes / size}${unit}`;
  return String(bytes);
}

/** Fractional CPUs as millicores (`0.5` → `500m`). */
export function cpuQuantity(cpus: number): string {
  return `${Math.max(1, Math.round(cpus * 1000))}m`;
}

/** Milliseconds as whole seconds, at least one (what probe fields accept). */
export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
