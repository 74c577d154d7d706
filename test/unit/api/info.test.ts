import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { info } from '../../../src/api/info.js';
import { loadProject } from '../../../src/pipeline.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import { project } from '../config/helpers.js';

const SECRET = 'not-for-logs-41';
const YAML = `version: 1\nname: api-info\nworkloads:\n  warehouse:\n    kind: database\n    engine: postgres\n    password: ${SECRET}\n`;

async function warehouse() {
  const dir = await project({ 'pond.yaml': YAML });
  return loadProject([path.join(dir, 'pond.yaml')], {});
}

describe('Pond.info connection facts', () => {
  it('hide the database password unless asked', async () => {
    const facts = await info(await warehouse(), async () => new MemoryEngine(), {});
    expect(JSON.stringify(facts)).not.toContain(SECRET);
    expect(facts.databases[0]?.url).toMatch(/^postgres:\/\/pond:\*\*\*\*@127\.0\.0\.1:\d+\/pond$/);
  });

  it('carry the password with reveal: true', async () => {
    const facts = await info(await warehouse(), async () => new MemoryEngine(), { reveal: true });
    expect(facts.databases[0]?.password).toBe(SECRET);
    expect(facts.databases[0]?.url).toContain(`:${SECRET}@127.0.0.1:`);
  });
});
