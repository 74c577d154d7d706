import { z } from 'zod';

/**
 * The shape of pond.yaml after schema validation, as zod types. ajv (schema/) is the contract users see;
 * these types only give the model stage typed access, so they stay loose where the schema is strict.
 */
const stringOrList = z.union([z.string(), z.array(z.string())]);
const duration = z.union([z.string(), z.number()]);

export const rawHealth = z.object({
  exec: stringOrList.optional(),
  http: z.object({ port: z.number(), path: z.string().optional() }).optional(),
  tcp: z.union([z.number(), z.object({ port: z.number() })]).optional(),
  log: z.string().optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  start_period: duration.optional(),
  retries: z.number().optional(),
  disable: z.boolean().optional(),
});

export const rawPortLong = z.object({
  target: z.number(),
  published: z.union([z.number(), z.string()]).optional(),
  protocol: z.enum(['tcp', 'udp']).optional(),
  public: z.boolean().optional(),
});

export const rawVolumeLong = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs']).optional(),
  source: z.string().optional(),
  target: z.string(),
  read_only: z.boolean().optional(),
  tmpfs: z.object({ size: z.union([z.string(), z.number()]).optional() }).optional(),
});

export const rawDependsOn = z.union([
  z.array(z.string()),
  z.record(z.string(), z.union([z.string(), z.object({ condition: z.string().optional() })])),
]);

export const rawWorkload = z.looseObject({
  kind: z.string().optional(),
  image: z.string().optional(),
  command: stringOrList.optional(),
  entrypoint: stringOrList.optional(),
  env: z.union([z.record(z.string(), z.string()), z.array(z.string())]).optional(),
  env_file: stringOrList.optional(),
  sensitive: z.array(z.string()).optional(),
  ports: z.array(z.union([z.string(), z.number(), rawPortLong])).optional(),
  volumes: z.array(z.union([z.string(), rawVolumeLong])).optional(),
  resources: z
    .object({
      memory: z.union([z.string(), z.number()]).optional(),
      cpus: z.union([z.string(), z.number()]).optional(),
      cpu_shares: z.number().optional(),
    })
    .optional(),
  network: z.string().optional(),
  health: rawHealth.optional(),
  depends_on: rawDependsOn.optional(),
  restart: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  unsafe: z.array(z.string()).optional(),
  init: z.boolean().optional(),
  stop_grace_period: duration.optional(),
});

export const rawProject = z.looseObject({
  version: z.number(),
  name: z.string().optional(),
  workloads: z.record(z.string(), rawWorkload),
  volumes: z
    .record(
      z.string(),
      z.union([z.null(), z.object({ external: z.boolean().optional(), labels: z.record(z.string(), z.string()).optional() })]),
    )
    .optional(),
});

export type RawWorkload = z.infer<typeof rawWorkload>;
export type RawHealth = z.infer<typeof rawHealth>;
export type RawProject = z.infer<typeof rawProject>;
