/** The measured engine operations, in the order a cycle runs them. `plan` is `pond plan` on the converged stack. */
export const OPS = ['cold', 'noop', 'plan', 'change', 'down'] as const;
export type Op = (typeof OPS)[number];
