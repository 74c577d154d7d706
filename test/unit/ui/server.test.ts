import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { derivedPort } from '../../../src/ui/server/port.js';
import { serialLock } from '../../../src/ui/server/serial-lock.js';
import { startUiServer, type UiServer } from '../../../src/ui/server/server.js';
import { MemoryEngine } from '../../support/memory-engine.js';
import { tempProject } from '../../support/project.js';

const hold = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ port, host: '127.0.0.1' }, () => resolve(s));
  });

describe('ui server port', () => {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });

  it('serves on the derived port on 127.0.0.1, and on the next free one when that is taken', async () => {
    const project = await (await tempProject('  web:\n    image: busybox:1.35\n')).load();
    const start = (): Promise<UiServer> =>
      startUiServer({ engine: new MemoryEngine(), project: () => project, concurrency: 4, lock: serialLock() });
    const first = await start();
    open.push(first);
    expect(first.port).toBe(derivedPort('demo'));
    expect(first.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${first.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    open.push(await hold(first.port + 1));
    const second = await start();
    open.push(second);
    expect(second.port).toBe(first.port + 2);
  });
});
