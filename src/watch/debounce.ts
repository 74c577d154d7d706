/**
 * Folds a burst of events into one call: fires `quietMs` after the last event, or at the latest
 * `maxWaitMs` after the first, with every reason seen. Editors' atomic saves and "save all" bursts
 * become one reconcile.
 */
export function debounce(
  fire: (reasons: string[]) => void,
  quietMs: number,
  maxWaitMs: number,
): { push(reason: string): void; cancel(): void } {
  let reasons: string[] = [];
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    const batch = reasons;
    reasons = [];
    if (batch.length) fire(batch);
  };
  return {
    push(reason) {
      if (!reasons.includes(reason)) reasons.push(reason);
      clearTimeout(quiet);
      quiet = setTimeout(flush, quietMs);
      deadline ??= setTimeout(flush, maxWaitMs);
    },
    cancel() {
      clearTimeout(quiet);
      clearTimeout(deadline);
      reasons = [];
    },
  };
}
