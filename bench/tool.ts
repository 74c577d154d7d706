import type { Op } from './ops.js';

/**
 * One way of doing the four operations, and how to find what it made: containers are selected by a
 * label filter and told apart by a service label; the project network has a known name.
 */
export interface Tool {
  /** Column name in the table: pond, floor, inproc, compose. */
  name: string;
  /**
   * Engine project name, new for every cycle so a network the engine refuses to remove (DESIGN §7)
   * cannot break the next cycle; always pond-bench-* (pond, floors) or pondbench* (compose).
   */
  project: string;
  /** `key=value` label filter matching every container of this tool's project. */
  selector: string;
  /** Label holding the service name. */
  serviceLabel: string;
  network: string;
  /** The operations it has (compose has no plan); absent: all of them. */
  ops?: readonly Op[];
  /** Performs `op`, converging to revision `rev` of the stack files. */
  run(op: Op, rev: number): Promise<void>;
}
