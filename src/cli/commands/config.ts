import { stringify } from 'yaml';
import { isSecretDigest } from '../../desired/display.js';
import type { DesiredContainer } from '../../desired/types.js';
import path from 'node:path';
import { writeBack } from '../../config/write-back.js';
import type { Project } from '../../pipeline.js';
import { configSecrets } from '../../secrets.js';
import type { Context } from '../context.js';
import { byText } from '../../canonical.js';

/**
 * `pond config`: a pond.yaml of the project (files merged, variables filled in, secrets as `${VAR}`),
 * which pond reads back to the same configuration; `--format json`: the project as pond understands
 * it, defaults applied and short forms expanded, secret values as "(sensitive)".
 */
export async function configCommand(ctx: Context, flags: { format: 'text' | 'json' }): Promise<number> {
  const project = await ctx.project();
  if (flags.format !== 'json') return printYaml(ctx, project);
  const doc = {
    name: project.spec.name,
    files: project.config.files,
    ...(project.spec.engine && { engine: project.spec.engine }),
    ...(project.spec.registry && { registry: project.spec.registry }),
    workloads: Object.fromEntries(
      [...project.desired.containers, ...project.scheduled]
        .sort((a, b) => byText(a.workload, b.workload))
        .map((c) => [c.workload, hideDigests(withDefaultsMarked(c))]),
    ),
    volumes: Object.fromEntries(project.spec.volumes.map((v) => [v.name, { external: v.external, labels: v.labels }])),
    start_order: project.graph.order,
  };
  ctx.output.out(JSON.stringify(doc, null, 2));
  return 0;
}

function printYaml(ctx: Context, project: Project): number {
  const { config, spec } = project;
  const { data, references } = writeBack(config.tree, {
    variables: config.secretVariables,
    values: [...spec.secretValues, ...configSecrets(config.data)],
  });
  const header = `# pond config: ${config.files.map((f) => path.relative(ctx.cwd, f) || f).join(' + ')} merged, variables filled in, secrets as \${VAR}\n`;
  ctx.output.out(header + stringify(data, { sortMapEntries: false, lineWidth: 0 }).trimEnd());
  const unset = references.filter((name) => ctx.env[name] === undefined);
  if (unset.length)
    ctx.output.err(`note: secrets are printed as references; to read this back, set ${unset.join(', ')}`);
  return 0;
}

/** Limits a kind filled in are listed under `resources.defaults`, so a 4g nobody wrote is not a mystery. */
function withDefaultsMarked(c: DesiredContainer): Record<string, unknown> {
  if (!c.resourceDefaults?.length) return c.display;
  return {
    ...c.display,
    resources: { ...(c.display.resources as Record<string, unknown>), defaults: c.resourceDefaults },
  };
}

function hideDigests(value: unknown): unknown {
  if (isSecretDigest(value)) return '(sensitive)';
  if (Array.isArray(value)) return value.map(hideDigests);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, hideDigests(v)]),
    );
  return value;
}
