import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseRunFlags } from '../../../src/cli/run-flags.js';

describe("pond run's flags", () => {
  it("default: remove afterwards, bring dependencies up, no ports, the workload's own command", () => {
    expect(parseRunFlags({ env: [] }, [])).toEqual({ env: {}, servicePorts: false, keep: false, deps: true });
  });

  it('take the command line as given, and -e, -u, -w, --entrypoint, --no-rm, --no-deps, --service-ports', () => {
    const r = parseRunFlags(
      {
        env: ['A=1', 'B=x=y', 'C='],
        user: 'nobody',
        workdir: '/w',
        entrypoint: '/bin/sh -e',
        rm: false,
        deps: false,
        servicePorts: true,
      },
      ['sh', '-c', 'exit 3'],
    );
    expect(r).toEqual({
      command: ['sh', '-c', 'exit 3'],
      env: { A: '1', B: 'x=y', C: '' },
      user: 'nobody',
      workingDir: '/w',
      entrypoint: ['/bin/sh', '-e'],
      servicePorts: true,
      keep: true,
      deps: false,
    });
  });

  it("--entrypoint '' is an empty entrypoint (cleared), not an absent one", () => {
    expect(parseRunFlags({ env: [], entrypoint: '' }, []).entrypoint).toEqual([]);
  });

  it('refuse -e without =, a relative -w and an empty -u as usage errors', () => {
    expect(() => parseRunFlags({ env: ['NOVALUE'] }, [])).toThrow(UsageError);
    expect(() => parseRunFlags({ env: ['=x'] }, [])).toThrow(UsageError);
    expect(() => parseRunFlags({ env: [], workdir: 'rel' }, [])).toThrow(UsageError);
    expect(() => parseRunFlags({ env: [], user: ' ' }, [])).toThrow(UsageError);
  });
});
