import { containsSecret, isSecretValue, isSensitiveName, urlPassword } from '../secrets.js';
import { nodeAt, type MapNode, type ScalarNode, type TreeNode } from './tree.js';

/** What is secret in a project: the variables that are, and every secret value (so none is ever written). */
export interface KnownSecrets {
  variables: readonly string[];
  values: readonly string[];
}

/**
 * A pond.yaml that reads back to the same configuration: plain values as they resolved (a literal
 * `$` doubled, since pond interpolates), secrets as variable references. `references` names the
 * variables the text refers to in place of a secret, so the caller can say which must be set.
 */
export interface WrittenConfig {
  data: unknown;
  references: string[];
}

type Path = (string | number)[];

/** The merged, interpolated tree as a pond.yaml document, with no secret value in it. */
export function writeBack(tree: MapNode, secrets: KnownSecrets): WrittenConfig {
  const references = new Set<string>();
  const visit = (node: TreeNode, path: Path): unknown => {
    if (node.kind === 'seq') return node.items.map((n, i) => visit(n, [...path, i]));
    if (node.kind === 'map')
      return Object.fromEntries([...node.entries].map(([k, e]) => [k, visit(e.node, [...path, k])]));
    if (!isSecret(tree, node, path, secrets))
      return typeof node.value === 'string' ? node.value.replaceAll('$', '$$$$') : node.value;
    return hidden(node, path, secrets, references);
  };
  return { data: visit(tree, []), references: [...references].sort() };
}

function isSecret(tree: MapNode, node: ScalarNode, path: Path, secrets: KnownSecrets): boolean {
  if (node.template?.variables.some((v) => secrets.variables.includes(v))) return true;
  const value = node.value;
  if (typeof value === 'string' && (isSecretValue(value) || containsSecret(value, secrets.values))) return true;
  if ((path[0] !== 'workloads' && path[0] !== 'volumes') || path.length < 3) return false;
  const below = path.slice(2);
  if (below.some((k) => typeof k === 'string' && isSensitiveName(k))) return true;
  const envKey = envKeyOf(below, value);
  return envKey !== undefined && (isSensitiveName(envKey) || declaredSensitive(tree, path[1]!).includes(envKey));
}

/** The variable name an env entry sets: its key in the map form, the text before `=` in the list form. */
function envKeyOf(below: Path, value: unknown): string | undefined {
  if (below[0] !== 'env' || below.length !== 2) return undefined;
  if (typeof below[1] === 'string') return below[1];
  const text = String(value);
  const eq = text.indexOf('=');
  return eq > 0 ? text.slice(0, eq) : undefined;
}

function declaredSensitive(tree: MapNode, workload: string | number): string[] {
  const node = nodeAt(tree, ['workloads', workload, 'sensitive']);
  return node?.kind === 'seq' ? node.items.map((n) => String(n.kind === 'scalar' ? n.value : '')) : [];
}

const ONE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * A secret's text: the interpolation it was written as when that holds no secret value (defaults
 * included), else a reference to the one variable it came from, else to a variable named after its
 * key (a secret written literally in the file; the caller says it must be set).
 */
function hidden(node: ScalarNode, path: Path, secrets: KnownSecrets, references: Set<string>): string {
  const text = node.template?.text;
  if (text !== undefined && !containsSecret(text, secrets.values) && !literalPassword(text)) return text;
  const one = text === undefined ? undefined : ONE_VARIABLE.exec(text);
  const name = one ? (one[1] ?? one[2])! : variableFor(path, node.value);
  references.add(name);
  const listEntry =
    typeof path.at(-1) === 'number' && path.at(-2) === 'env' ? envKeyOf(['env', 0], node.value) : undefined;
  return listEntry ? `${listEntry}=\${${name}}` : `\${${name}}`;
}

/** `postgres://u:hunter2@${HOST}/db`: a password written in the template itself, not a variable. */
function literalPassword(text: string): boolean {
  const pw = urlPassword(text);
  return pw !== undefined && !pw.includes('$');
}

function variableFor(path: Path, value: unknown): string {
  const last = path.at(-1);
  const key =
    typeof last === 'string'
      ? last
      : (envKeyOf(['env', 0], value) ?? String([...path].reverse().find((p) => typeof p === 'string') ?? 'SECRET'));
  const name = key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}
