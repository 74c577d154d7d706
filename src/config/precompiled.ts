/**
 * The schema's precompiled yes/no check. This file is a stand-in: `npm run build` overwrites its
 * compiled output (dist/src/config/precompiled.js) with ajv's standalone code for
 * schema/pond.schema.json (scripts/build-validator.mjs), which the bundles then inline. Under vitest,
 * or before a build, there is no check and validate.ts compiles the schema with ajv instead.
 */
export const validate: ((data: unknown) => boolean) | undefined = undefined;

/** sha256 of the schema the check was generated from; validate.ts uses the check only when it matches. */
export const schemaHash = '';
