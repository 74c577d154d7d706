import { createHash } from 'node:crypto';

/** On a service whose name pond had to shorten: the name pond gave it (what observe reports). */
export const NAME_LABEL = 'dev.pond.name';
/** Swarm refuses a service name over 63 characters (a DNS label). */
const MAX = 63;

/**
 * The name Swarm accepts for pond's name: itself when short enough, else its first 54 characters
 * and 8 of its sha256, so long project names and run ids still make distinct services.
 */
export function serviceName(name: string): string {
  if (name.length <= MAX) return name;
  return `${name.slice(0, MAX - 9)}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/** The name pond gave a service, from its spec. */
export function pondName(spec: { Name: string; Labels?: Record<string, string> | null }): string {
  return spec.Labels?.[NAME_LABEL] ?? spec.Name;
}
