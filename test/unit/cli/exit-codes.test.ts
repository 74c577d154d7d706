import { describe, expect, it } from 'vitest';
import type { ApplyResult, StepResult } from '../../../src/apply/executor.js';
import { EngineError, TimeoutError } from '../../../src/errors.js';
import { applyExitCode } from '../../../src/cli/run-apply.js';

const step = (status: StepResult['status'], error?: Error) =>
  ({ status, error, warnings: [], ms: 0 }) as unknown as StepResult;
const result = (results: StepResult[], interrupted = false): ApplyResult => ({
  results,
  ok: results.every((r) => r.status === 'done'),
  interrupted,
});

describe('applyExitCode (DESIGN §3)', () => {
  it('0 ok, 1 failure, 124 a timeout, 130 interrupted', () => {
    expect(applyExitCode(undefined)).toBe(0);
    expect(applyExitCode(result([step('done')]))).toBe(0);
    expect(applyExitCode(result([step('failed', new EngineError('x'))]))).toBe(1);
    expect(
      applyExitCode(
        result([step('failed', new EngineError('x')), step('failed', new TimeoutError('db not healthy after 60s'))]),
      ),
    ).toBe(124);
    expect(applyExitCode(result([step('cancelled')], true))).toBe(130);
  });
});
