import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExpected, buildSchema, schemaText } from '../../../src/workloads/schema.js';

const committed = (file: string): string =>
  fs.readFileSync(new URL(`../../../schema/${file}`, import.meta.url), 'utf8');

describe('schema/ is generated from its parts and the kind registry', () => {
  it('the committed schema/pond.schema.json is byte for byte what the parts build (if not: npm run schema, and commit it)', () => {
    expect(committed('pond.schema.json'), 'schema/pond.schema.json is stale: run `npm run schema` and commit it').toBe(
      schemaText(buildSchema()),
    );
  });

  it('the committed schema/pond.expected.json is byte for byte what the parts build (if not: npm run schema, and commit it)', () => {
    expect(
      committed('pond.expected.json'),
      'schema/pond.expected.json is stale: run `npm run schema` and commit it',
    ).toBe(schemaText(buildExpected()));
  });
});
