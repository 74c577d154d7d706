import { formatDiagnostic } from '../config/format.js';
import { AlreadyReportedError, ConfigError, PondError } from '../errors.js';
import type { Output } from './output.js';

/**
 * The one place errors become exit codes and messages. Config errors list every diagnostic;
 * other PondErrors print message and hint; anything else is a bug and shows its stack.
 */
export function reportError(out: Output, e: unknown, cwd: string, json = false): number {
  if (e instanceof ConfigError) {
    if (json)
      out.out(
        JSON.stringify(
          { valid: false, diagnostics: e.diagnostics, ...(e.notes.length && { notes: e.notes }) },
          null,
          2,
        ),
      );
    for (const d of e.diagnostics) out.err(formatDiagnostic(d, cwd));
    for (const n of e.notes) out.err(`note: ${n}`);
    const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
    out.err(`${errors} error${errors === 1 ? '' : 's'}: nothing was changed.`);
    return e.exitCode;
  }
  if (e instanceof AlreadyReportedError) return e.exitCode;
  if (e instanceof PondError) {
    if (json)
      out.out(
        JSON.stringify({ error: { kind: e.name, message: e.message, hint: e.hint, exit_code: e.exitCode } }, null, 2),
      );
    out.err(`error: ${e.message}`);
    if (e.hint) out.err(`  hint: ${e.hint}`);
    return e.exitCode;
  }
  out.err(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  out.err('  hint: this is a bug in pond; please report it with the command you ran');
  return 1;
}
