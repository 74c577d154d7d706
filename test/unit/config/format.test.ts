import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/config/format.js';
import type { Diagnostic } from '../../../src/errors.js';

const typo: Diagnostic = {
  code: 'unknown-key',
  message: 'unknown key "imgae" in workload "web"',
  hint: 'did you mean "image"?',
  location: { file: '/srv/app/pond.yaml', line: 12, col: 7 },
  severity: 'error',
};

describe('formatDiagnostic', () => {
  it('prints file:line:col, severity, code, message and hint', () => {
    expect(formatDiagnostic(typo, '/srv/app')).toBe(
      'pond.yaml:12:7 error[unknown-key]: unknown key "imgae" in workload "web"\n  hint: did you mean "image"?',
    );
  });

  it('keeps paths outside cwd, and paths as stored without cwd', () => {
    expect(formatDiagnostic(typo, '/srv/other').split('\n')[0]).toBe(
      '/srv/app/pond.yaml:12:7 error[unknown-key]: unknown key "imgae" in workload "web"',
    );
    expect(formatDiagnostic(typo).startsWith('/srv/app/pond.yaml:12:7 ')).toBe(true);
  });

  it('prints no hint line without a hint, and no position without a location', () => {
    expect(
      formatDiagnostic({ code: 'file-not-found', message: 'config file "x.yaml" does not exist', severity: 'error' }),
    ).toBe('error[file-not-found]: config file "x.yaml" does not exist');
    expect(formatDiagnostic({ ...typo, hint: undefined, severity: 'warning' }, '/srv/app')).toBe(
      'pond.yaml:12:7 warning[unknown-key]: unknown key "imgae" in workload "web"',
    );
  });
});
