// vitest's global setup: brings pond.yaml up once before every test file runs, hands the tests the
// web page's URL, and removes the containers after the last one. POND_PROJECT_NAME (optional) gives a
// CI run its own project, so runs side by side never share containers.
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { Pond } from '@pond-dev/pond';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pond = await Pond.load({ file: fileURLToPath(new URL('./pond.yaml', import.meta.url)), projectName: process.env.POND_PROJECT_NAME });
  await pond.up({ waitTimeoutMs: 60_000 });
  const web = (await pond.info()).services.find((s) => s.workload === 'web');
  if (!web?.urls[0]) throw new Error('web publishes no port');
  project.provide('webUrl', web.urls[0]);
  return async () => {
    await pond.down();
  };
}
