import type { ErrorObject } from 'ajv';
import type { SchemaIndex, SchemaNode } from './schema-index.js';
import { didYouMean } from './suggest.js';

/** An ajv error, or one pond made up to replace the noise of a failed union. */
export interface SchemaProblem {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  data: unknown;
  parentSchema?: SchemaNode;
  message?: string;
  /** Set on errors about a mapping's key (`propertyNames`): the offending key. */
  propertyName?: string;
  /** Extra text for synthesized problems (e.g. the expected types of a union). */
  expected?: string;
}

/**
 * Reduces ajv's allErrors output to the errors a user should read. `if` wrappers and `propertyNames`
 * summaries are dropped (their sub-errors say it better). For every failed anyOf/oneOf, only the
 * branches whose type fits the data keep their errors; if none fits, one `type` problem naming all the
 * accepted shapes replaces them; a union of bare `required`s becomes one "needs one of" problem.
 * A required key reported missing only because it was misspelt is dropped in favour of the typo.
 * Relies on `verbose: true` (errors carry schema, parentSchema and data by identity).
 */
export function explain(errors: readonly ErrorObject[], schema: SchemaIndex): SchemaProblem[] {
  let problems = errors.filter(
    (e) => e.keyword !== 'if' && e.keyword !== 'propertyNames',
  ) as unknown as SchemaProblem[];
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const union of unions) problems = resolveUnion(problems, union, schema);
  return dropExplainedRequired(problems);
}

/**
 * A misspelt required key shows up twice: as an unknown key and as the missing one. The typo is the
 * cause, so only the unknown key (with its did-you-mean) is kept.
 */
function dropExplainedRequired(problems: SchemaProblem[]): SchemaProblem[] {
  const typos = problems.filter((p) => p.keyword === 'additionalProperties');
  return problems.filter((p) => {
    if (p.keyword !== 'required') return true;
    const missing = String(p.params.missingProperty);
    return !typos.some(
      (t) =>
        t.instancePath === p.instancePath && didYouMean(String(t.params.additionalProperty), [missing]) === missing,
    );
  });
}

function resolveUnion(problems: SchemaProblem[], union: ErrorObject, schema: SchemaIndex): SchemaProblem[] {
  const branches = (union.schema as SchemaNode[]).map((b) => ({ raw: b, node: schema.deref(b) }));
  const fits = branches.filter((b) => schema.accepts(b.node, union.data));
  const misfits = new Set<SchemaNode>(branches.filter((b) => !fits.includes(b)).flatMap((b) => [b.raw, b.node]));
  const rest = problems.filter(
    (p) =>
      p !== (union as unknown) &&
      !(p.instancePath === union.instancePath && p.parentSchema && misfits.has(p.parentSchema)),
  );
  const at = {
    instancePath: union.instancePath,
    data: union.data,
    parentSchema: union.parentSchema as SchemaNode,
    params: {},
  };
  if (fits.length === 0) {
    const expected = schema.expected(at.parentSchema) ?? schema.describeAll(branches.map((b) => b.raw));
    return [...rest, { ...at, keyword: 'type', expected }];
  }
  const keys = requiredOnly(fits.map((b) => b.node));
  if (!keys) return rest;
  const fitting = new Set<SchemaNode>(fits.flatMap((b) => [b.raw, b.node]));
  const others = rest.filter((p) => !(p.keyword === 'required' && p.parentSchema && fitting.has(p.parentSchema)));
  return [...others, { ...at, keyword: 'requiredOneOf', params: { keys } }];
}

/** The keys of a union whose branches are each just `{required: [key]}`; undefined otherwise. */
function requiredOnly(branches: SchemaNode[]): string[] | undefined {
  const keys: string[] = [];
  for (const branch of branches) {
    const names = Object.keys(branch);
    if (names.length !== 1 || !Array.isArray(branch.required)) return undefined;
    keys.push(...(branch.required as string[]));
  }
  return keys;
}
