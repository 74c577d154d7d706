import expectedPart from '../../schema/parts/expected.json' with { type: 'json' };
import project from '../../schema/parts/project.json' with { type: 'json' };
import workload from '../../schema/parts/workload.json' with { type: 'json' };
import type { KindDefinition } from './kind.js';
import { DEFAULT_KIND, KINDS } from './registry.js';

type Node = Record<string, unknown>;

/**
 * schema/pond.schema.json, assembled: the project part (schema/parts/project.json), then one
 * definition per registered kind (the common keys of schema/parts/workload.json, then the kind's own
 * part), and `workload`, which picks the definition by `kind`. scripts/build-schema.mjs writes it;
 * a unit test holds the committed file to it.
 */
export function buildSchema(kinds: readonly KindDefinition<unknown>[] = KINDS): Node {
  const names = kinds.map((k) => k.name);
  const definitions: Node = {};
  for (const [name, def] of Object.entries(project.definitions)) {
    if (name === 'workload') {
      for (const k of kinds) definitions[k.name] = kindDefinition(k, names);
      definitions[name] = selector(def as Node, names);
    } else definitions[name] = def;
  }
  return { ...project, definitions };
}

/** schema/pond.expected.json: pond's phrases for schema nodes, the common keys' ones repeated for each kind that keeps them. */
export function buildExpected(kinds: readonly KindDefinition<unknown>[] = KINDS): Node {
  const phrases: Record<string, string> = { ...expectedPart.before };
  for (const k of kinds) {
    const at = `/definitions/${k.name}/properties/`;
    for (const [key, phrase] of Object.entries(workload.phrases)) if (!replaced(k, key)) phrases[at + key] = phrase;
    for (const [key, phrase] of Object.entries(k.schema.phrases ?? {})) phrases[at + key] = phrase;
  }
  return { $comment: expectedPart.$comment, phrases: { ...phrases, ...expectedPart.after } };
}

/** The text written to disk: what the committed files must equal byte for byte. */
export function schemaText(node: Node): string {
  return `${JSON.stringify(node, null, 2)}\n`;
}

/** A common key the kind words in its own way (its part lists it): the common phrase does not apply. */
function replaced(k: KindDefinition<unknown>, key: string): boolean {
  return key in k.schema.properties;
}

function kindDefinition(k: KindDefinition<unknown>, names: string[]): Node {
  const { $comment: _comment, phrases: _phrases, properties: common, ...shape } = workload;
  const properties: Node = {};
  for (const [key, value] of Object.entries(common)) {
    properties[key] = key === 'kind' ? kindProperty(value, names) : (k.schema.properties[key] ?? value);
  }
  for (const [key, value] of Object.entries(k.schema.properties)) if (!(key in properties)) properties[key] = value;
  const { type, ...rest } = shape;
  return {
    type,
    description: k.schema.description,
    ...rest,
    properties,
    ...(k.schema.required && { required: k.schema.required }),
  };
}

/** `kind:` with the registry's names as its enum. */
function kindProperty(kind: Node, names: string[]): Node {
  return { type: kind.type, description: kind.description, enum: names, default: DEFAULT_KIND };
}

/** `workload`: the kind enum, and one if/then per kind; only the default kind applies without `kind:`. */
function selector(def: Node, names: string[]): Node {
  const props = def.properties as Node;
  return {
    ...def,
    properties: { ...props, kind: kindProperty(props.kind as Node, names) },
    allOf: names.map((name) => ({
      if: { properties: { kind: { const: name } }, ...(name !== DEFAULT_KIND && { required: ['kind'] }) },
      then: { $ref: `#/definitions/${name}` },
    })),
  };
}
