import type { ConformanceFixture } from './engine-suite.js';

/** The commands of the conformance fixture on busybox:1.35, the same for every backend that runs images. */
export const BUSYBOX_COMMANDS: Pick<ConformanceFixture, 'image' | 'service' | 'job' | 'unstartable' | 'readyCommand'> =
  {
    image: 'busybox:1.35',
    service: { command: ['sh', '-c', 'trap "exit 3" TERM; sleep 1000 & wait'], stopExitCode: 3 },
    job: {
      command: ['sh', '-c', 'echo hello-conformance; printf content > /tmp/out.txt; exit 4'],
      exitCode: 4,
      line: 'hello-conformance',
      filePath: '/tmp/out.txt',
      fileContent: 'content',
    },
    unstartable: ['/no/such/binary'],
    readyCommand: ['true'],
  };
