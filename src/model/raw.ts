/**
 * The shape of pond.yaml once schema/pond.schema.json has accepted it. The JSON Schema (checked by
 * ajv in config/) is the runtime contract; these types only give the model stage typed access, so
 * nothing is validated twice on the start-up path.
 */
type StringOrList = string | string[];
type Duration = string | number;

export interface RawHealth {
  exec?: StringOrList;
  http?: { port: number; path?: string };
  tcp?: number | { port: number };
  log?: string;
  interval?: Duration;
  timeout?: Duration;
  start_period?: Duration;
  retries?: number;
  disable?: boolean;
}

export interface RawPortLong {
  target: number;
  published?: number | string;
  protocol?: 'tcp' | 'udp';
  public?: boolean;
}

export interface RawVolumeLong {
  type?: 'volume' | 'bind' | 'tmpfs';
  source?: string;
  target: string;
  read_only?: boolean;
  tmpfs?: { size?: string | number };
}

export type RawDependsOn = string[] | Record<string, string | { condition?: string }>;

export interface RawWorkload {
  kind?: string;
  image?: string;
  command?: StringOrList;
  entrypoint?: StringOrList;
  env?: Record<string, string> | string[];
  env_file?: StringOrList;
  sensitive?: string[];
  ports?: (string | number | RawPortLong)[];
  volumes?: (string | RawVolumeLong)[];
  resources?: { memory?: string | number; cpus?: string | number; cpu_shares?: number };
  network?: string;
  health?: RawHealth;
  ready_when?: { log?: string; http?: { port: number; path?: string } };
  depends_on?: RawDependsOn;
  restart?: string;
  labels?: Record<string, string>;
  unsafe?: string[];
  init?: boolean;
  user?: string;
  stop_grace_period?: Duration;
  working_dir?: string;
  hostname?: string;
  extra_hosts?: string[] | Record<string, string>;
  dns?: string[];
  shm_size?: string | number;
  ulimits?: Record<string, number | { soft: number; hard: number }>;
  stop_signal?: string;
  replicas?: number;
  placement?: { constraints?: string[] };
  [key: string]: unknown;
}

export interface RawProject {
  version: number;
  name?: string;
  engine?: string;
  registry?: string;
  workloads: Record<string, RawWorkload>;
  volumes?: Record<string, null | { external?: boolean; labels?: Record<string, string> }>;
}
