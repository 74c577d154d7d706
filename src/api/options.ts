import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { PondEvent } from './types.js';

const fn = <T>(what: string) =>
  z.custom<T>((v) => typeof v === 'function', { message: `must be a function (${what})` });
const ms = z.number().int().nonnegative();
const names = z.array(z.string().min(1));
const onEvent = fn<(e: PondEvent) => void>('(event) => void').optional();
const signal = z.instanceof(AbortSignal).optional();
const pathLike = z.union([z.string().min(1), z.instanceof(URL)]);

/**
 * Each option object the API takes, checked at run time: a JavaScript caller (or a cast) can pass
 * anything, and a typo such as `waitTimeout` must fail loudly rather than be ignored. Strict objects:
 * an unknown key is refused.
 */
export const loadSchema = z.strictObject({
  file: z.union([pathLike, z.array(pathLike).min(1)]),
  projectName: z.string().optional(),
  env: z.record(z.string(), z.string().optional()).optional(),
  cwd: z.string().optional(),
});

export const planSchema = z.strictObject({
  workloads: names.optional(),
  noDeps: z.boolean().optional(),
  forceRecreate: z.boolean().optional(),
  noRecreate: z.boolean().optional(),
  removeOrphans: z.boolean().optional(),
});

export const upSchema = planSchema.extend({
  onEvent,
  signal,
  wait: z.boolean().default(true),
  waitTimeoutMs: ms.default(120_000),
  lockTimeoutMs: ms.default(0),
  concurrency: z.number().int().positive().default(16),
  allowDataLoss: z.boolean().default(false),
});

export const downSchema = z.strictObject({
  volumes: z.boolean().default(false),
  onEvent,
  signal,
  lockTimeoutMs: ms.default(0),
  concurrency: z.number().int().positive().default(16),
});

export const infoSchema = z.strictObject({
  reveal: z.boolean().default(false),
  workloads: names.optional(),
});

/** Parses `value` or throws a UsageError (exit 3) naming each bad option in the caller's terms. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, method: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'options'}: ${i.message}`);
  throw new UsageError(
    `${method}: invalid options: ${problems.join('; ')}`,
    `see the ${method} options in the README's "Programmatic API" section`,
  );
}
