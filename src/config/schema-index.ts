/** A JSON Schema node as found in schema/pond.schema.json. */
export type SchemaNode = Record<string, unknown>;

const JSON_TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
  object: 'a mapping',
  array: 'a list',
};

/**
 * Read-only views of the schema that ajv's errors point into (by object identity, `verbose: true`):
 * following local `$ref`s, finding the union a branch belongs to, and describing a node in words.
 * `phrases` (schema/pond.expected.json: JSON pointer → phrase such as `a duration such as "2s"`) name
 * what a node expects in messages; they live beside the schema, not in it, so that the schema stays
 * one that standard validators accept without custom keywords.
 */
export class SchemaIndex {
  private readonly unionOf = new Map<SchemaNode, SchemaNode>();
  private readonly phrases = new Map<SchemaNode, string>();

  constructor(
    readonly root: SchemaNode,
    phrases: Record<string, string> = {},
  ) {
    this.index(root);
    for (const [pointer, phrase] of Object.entries(phrases)) {
      const node = resolvePointer(root, pointer);
      if (node) this.phrases.set(node, phrase);
    }
  }

  deref(node: SchemaNode): SchemaNode {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as SchemaNode | undefined)?.[key], this.root);
    return target && typeof target === 'object' ? this.deref(target as SchemaNode) : node;
  }

  /** The expected-phrase of a node or of the union it is a branch of. */
  expected(node: SchemaNode | undefined): string | undefined {
    for (let at = node; at; at = this.unionOf.get(at)) {
      const phrase = this.phrases.get(at);
      if (phrase) return phrase;
    }
    return undefined;
  }

  /** "a string", "a list of strings", "a string or a list of strings", … */
  describe(node: SchemaNode): string {
    const schema = this.deref(node);
    const phrase = this.expected(schema);
    if (phrase) return phrase;
    if (Array.isArray(schema.enum)) return `one of ${listWords(schema.enum.map(String))}`;
    const union = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(union)) return this.describeAll(union as SchemaNode[]);
    const types = ([] as unknown[]).concat(schema.type ?? []).map(String);
    if (types.length === 1 && types[0] === 'array' && schema.items && typeof schema.items === 'object') {
      const item = this.describe(schema.items as SchemaNode);
      return item.startsWith('a ') ? `a list of ${item.slice(2)}s` : `a list (each ${item})`;
    }
    return types.length > 0 ? listWords(types.map((t) => JSON_TYPE_WORDS[t] ?? t)) : 'a valid value';
  }

  describeAll(branches: SchemaNode[]): string {
    return listWords([...new Set(branches.map((b) => this.describe(b)))]);
  }

  /** Whether a branch could apply to data of this JSON type (its type, enum or const allow it). */
  accepts(node: SchemaNode, data: unknown): boolean {
    const schema = this.deref(node);
    const union = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(union)) return (union as SchemaNode[]).some((b) => this.accepts(b, data));
    if (schema.type !== undefined)
      return ([] as unknown[]).concat(schema.type).some((t) => typeMatches(String(t), data));
    if (Array.isArray(schema.enum))
      return schema.enum.some((v) => jsonType(v) === jsonType(data) || typeof v === typeof data);
    if ('const' in schema) return typeof schema.const === typeof data;
    return true;
  }

  private index(node: unknown): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => this.index(n));
    const schema = node as SchemaNode;
    for (const key of ['anyOf', 'oneOf']) {
      const branches = schema[key];
      if (Array.isArray(branches))
        for (const b of branches) if (b && typeof b === 'object') this.unionOf.set(b as SchemaNode, schema);
    }
    Object.values(schema).forEach((v) => this.index(v));
  }
}

/** The schema node a JSON pointer (RFC 6901, "" for the root) names, or undefined. */
export function resolvePointer(root: SchemaNode, pointer: string): SchemaNode | undefined {
  if (pointer === '') return root;
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const node = keys.reduce<unknown>(
    (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
    root,
  );
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as SchemaNode) : undefined;
}

/** JSON type of a value as JSON Schema names it; integers are "integer". */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, data: unknown): boolean {
  const actual = jsonType(data);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** ["a", "b", "c"] → "a, b or c". */
export function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
