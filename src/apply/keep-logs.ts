import type { Engine } from '../engine/types.js';
import { SAVED_LIMITS, saveLines, type SavedLine } from '../logs/saved.js';

/**
 * Saves the last lines of a container pond is about to remove, so `pond logs W` still shows what it
 * printed after a replace or a down. Only the container's output is read (never its env). A failure
 * costs the saved lines only: it is returned as a warning, never thrown into the step.
 */
export async function keepLogs(
  engine: Engine,
  projectDir: string,
  workload: string,
  id: string,
): Promise<string | undefined> {
  try {
    const lines: SavedLine[] = [];
    for await (const line of engine.logs(id, { follow: false, tail: SAVED_LIMITS.lines, timestamps: true })) {
      lines.push({ time: line.time ?? '', text: line.text });
    }
    saveLines(projectDir, workload, lines);
    return undefined;
  } catch (e) {
    return `${workload}: the old container's output could not be saved to .pond/logs: ${e instanceof Error ? e.message : String(e)}`;
  }
}
