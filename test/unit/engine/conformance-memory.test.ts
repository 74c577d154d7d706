import { describeEngineConformance, type ConformanceFixture } from '../../conformance/engine-suite.js';
import { MemoryEngine } from '../../support/memory-engine.js';

const engine = new MemoryEngine(['busybox:1.35']);

const fixture: ConformanceFixture = {
  project: 'mem-conformance',
  image: 'busybox:1.35',
  service: { command: ['serve'], stopExitCode: 3 },
  job: { command: ['job'], exitCode: 4, line: 'hello-conformance', filePath: '/tmp/out.txt', fileContent: 'content' },
  unstartable: ['/no/such/binary'],
  readyCommand: ['true'],
  witness: {
    container: async (name) => {
      const box = [...engine.containers.values()].find((b) => b.spec.name === name);
      return box && { id: box.id, labels: box.spec.labels };
    },
    volumeExists: async (name) => engine.volumes.has(name),
  },
  cleanup: async () => undefined,
};

engine.programs.set('serve', { stopExitCode: 3 });
engine.programs.set('job', { stdout: ['hello-conformance'], exitCode: 4, files: { '/tmp/out.txt': 'content' } });
engine.programs.set('/no/such/binary', { failsToStart: true });

describeEngineConformance('memory', () => engine, fixture);
