import { stringify } from 'yaml';
import { isSecretDigest } from '../../desired/display.js';
import type { DesiredContainer } from '../../desired/types.js';
import type { Context } from '../context.js';

/**
 * `pond config`: the project as pond understands it: files merged, variables interpolated, defaults
 * applied, short forms expanded. Secret values print as "(sensitive)".
 */
export async function configCommand(ctx: Context, flags: { format: 'text' | 'json' }): Promise<number> {
  const project = await ctx.project();
  const doc = {
    name: project.spec.name,
    files: project.config.files,
    workloads: Object.fromEntries([...project.desired.containers, ...project.scheduled].sort((a, b) => a.workload.localeCompare(b.workload)).map((c) => [c.workload, hideDigests(withDefaultsMarked(c))])),
    volumes: Object.fromEntries(project.spec.volumes.map((v) => [v.name, { external: v.external, labels: v.labels }])),
    start_order: project.graph.order,
  };
  ctx.output.out(flags.format === 'json' ? JSON.stringify(doc, null, 2) : stringify(doc, { sortMapEntries: false }));
  return 0;
}

/** Limits a kind filled in are listed under `resources.defaults`, so a 4g nobody wrote is not a mystery. */
function withDefaultsMarked(c: DesiredContainer): Record<string, unknown> {
  if (!c.resourceDefaults?.length) return c.display;
  return { ...c.display, resources: { ...(c.display.resources as Record<string, unknown>), defaults: c.resourceDefaults } };
}

function hideDigests(value: unknown): unknown {
  if (isSecretDigest(value)) return '(sensitive)';
  if (Array.isArray(value)) return value.map(hideDigests);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, hideDigests(v)]));
  return value;
}
