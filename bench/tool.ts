import type { Op } from './raw.js';

/**
 * One way of doing the four operations, and how to find what it made: containers are selected by a
 * label filter and told apart by a service label; the project network has a known name.
 */
export interface Tool {
  /** Column name in the table: pond, raw-inproc, raw-process, compose. */
  name: string;
  /**
   * Engine project name, new for every cycle so a network the engine refuses to remove (DESIGN §7)
   * cannot break the next cycle; always pond-bench-* (pond, raw) or pondbench* (compose).
   */
  project: string;
  /** `key=value` label filter matching every container of this tool's project. */
  selector: string;
  /** Label holding the service name. */
  serviceLabel: string;
  network: string;
  /** Performs `op`, converging to revision `rev` of the stack files. */
  run(op: Op, rev: number): Promise<void>;
}
