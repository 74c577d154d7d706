/**
 * The schema and its expected-phrases as JSON modules, which validate.ts imports only to check data it
 * has not seen pass: imported with it, the schema's 35 KB of object literal was built on every start.
 * In the CLI it is a side file of the bundle, as the precompiled check is (scripts/bundle.mjs).
 */
import schemaJson from '../../schema/pond.schema.json' with { type: 'json' };
import expectedJson from '../../schema/pond.expected.json' with { type: 'json' };

export { expectedJson, schemaJson };
