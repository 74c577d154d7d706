import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../../schema/pond.schema.json' with { type: 'json' };
import expected from '../../../schema/pond.expected.json' with { type: 'json' };
import catalog from '../../../schema/schemastore-catalog-entry.json' with { type: 'json' };
import { resolvePointer, type SchemaNode } from '../../../src/config/schema-index.js';

describe('schema/pond.schema.json for editors and standard validators', () => {
  it('compiles in ajv strict mode with no custom keywords', () => {
    // strictRequired is ajv's own lint (a `required` in an anyOf branch whose properties sit on the parent); not a JSON Schema rule.
    expect(() => new Ajv({ strict: true, strictRequired: false }).compile(schema)).not.toThrow();
  });

  it('uses no keyword outside draft-07 (no x-… keys in schema positions)', () => {
    const custom: string[] = [];
    const walk = (node: unknown, at: string, inMap: boolean): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`, false));
      for (const [k, v] of Object.entries(node)) {
        if (!inMap && k.startsWith('x-')) custom.push(`${at}/${k}`);
        walk(v, `${at}/${k}`, !inMap && ['properties', 'patternProperties', 'definitions'].includes(k));
      }
    };
    walk(schema, '', false);
    expect(custom).toEqual([]);
  });

  it('has an $id that is the raw file URL editors fetch, the same URL the SchemaStore entry gives', () => {
    expect(schema.$id).toBe('https://raw.githubusercontent.com/pond-dev/pond/main/schema/pond.schema.json');
    expect(catalog.url).toBe(schema.$id);
    expect(catalog.fileMatch).toEqual(['pond.yaml', 'pond.*.yaml']);
  });

  it("every expected-phrase pointer names a node of the schema (pond's messages keep their wording)", () => {
    const dangling = Object.keys(expected.phrases).filter((p) => !resolvePointer(schema as unknown as SchemaNode, p));
    expect(dangling).toEqual([]);
  });
});
