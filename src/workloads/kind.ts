import type { Carry, EngineCapabilities, Hardening } from '../engine/types.js';
import type { RawWorkload } from '../model/raw.js';
import type { MountSpec } from '../model/types.js';
import type { KindContext } from './context.js';

/** What a kind's expansion yields: the workload written as a service, and what the kind knows about it. */
export interface KindExpansion<F> {
  /** The workload written as a service: every kind is a preset over the service shape. */
  service: RawWorkload;
  /** The kind's facts, set on the normalized workload under the kind's name (`w.database`, `w.query`...). */
  facts?: F;
  /** Named volumes this workload needs declared (a persistent database's data). */
  volumes?: string[];
  /** Mounts pond itself adds (its query runner and DuckDB): exempt from the checks on user mounts. */
  mounts?: MountSpec[];
  /** Confinement the kind asks for (queries). */
  hardening?: Hardening;
  /** Files and folders the expansion read (SQL, inputs, code): watch mode re-applies when they change. */
  sources?: string[];
  /** How each bind at these targets reaches a cluster task (pond's runner baked in, a result folder collected). */
  carry?: Record<string, Carry>;
}

/**
 * A JSON Schema fragment of the kind's own keys. scripts/build-schema.mjs puts the common workload
 * keys (schema/parts/workload.json) before them: a kind never repeats env, ports, volumes...
 */
export interface KindSchemaPart {
  description: string;
  /** Keys the kind requires, beyond `kind` itself. */
  required?: string[];
  /** The kind's own keys, and common keys it words differently (replaced in place, keeping their order). */
  properties: Record<string, unknown>;
  /** pond's wording of what its own keys expect (pond.expected.json), by key. */
  phrases?: Record<string, string>;
}

/** A section of `pond info` a kind adds (the databases' connections, the notebooks' URLs): its JSON key and its table. */
export interface KindInfo<F, E> {
  /** The key of the section in `pond info --format json` ("databases"). */
  section: string;
  header: string[];
  /** One workload's entry, from its facts alone (no engine needed); secrets only when `reveal`. */
  entry(name: string, facts: F, reveal: boolean): E;
  row(entry: E): string[];
}

/**
 * Env an image reads only when it initialises an empty data dir on `volume` (a name in pond.yaml).
 * `applied` lists the names pond itself re-applies to an initialised dir after every create or
 * replace, with `exec` (run inside the container once it is healthy): so a changed password is the one that works.
 */
export interface InitOnly {
  env: string[];
  volume: string;
  applied?: { env: string[]; exec: string };
}

/** Where a workload's data lives and whether its server syncs it: what a plan warns a step or a setting risks. */
export interface DataFacts {
  persistent: boolean;
  fsync: boolean;
  /** The data dir is a tmpfs: a stop empties it. */
  tmpfs: boolean;
}

/**
 * How the plan and apply treat a kind's container, in words that name no kind: the planner and the
 * executor read these, never `kind:`.
 */
export interface KindLifecycle {
  initOnly?: InitOnly;
  data?: DataFacts;
  /** The workload runs to completion: `up` waits for exit 0 within the timeout, and an exit 0 of the same config is done. */
  job?: { timeoutMs: number };
  /** A long-running workload with no readiness of its own: with --wait, `up` checks that it stays up a moment (a bot). */
  settles?: boolean;
}

/** How `pond config` and the spec label show a kind's workload: env it replaces by its own keys (redacted by `digest`). */
export interface KindDisplay {
  hiddenEnv: string[];
  keys: Record<string, unknown>;
}

/**
 * An address a person uses once the workload runs: what `up` prints after it and the dashboard shows,
 * so a new kind's addresses reach both without either naming the kind.
 */
export interface KindLink {
  /** What the dashboard names it by (a notebook's server). */
  label: string;
  url: string;
  /** A client's connection string (a database's), not a page: shown and copied, never opened. */
  connection?: boolean;
}

/**
 * A key of the kind that asks the backend for a capability it may lack (a bot's `results:` needs
 * copying out): validation refuses it at that key on a backend without it.
 */
export interface KindNeed {
  key: string;
  capability: keyof EngineCapabilities;
  code: string;
  /** The subject and its verb ("results: needs"). */
  what: string;
  /** The capability in words ("copying a file out of a finished run"). */
  words: string;
  hint: string;
  /**
   * `optimisation`: the key only makes the workload faster (a warm query runner), so a backend
   * without the capability runs it the plain way and validate warns instead of refusing.
   */
  optimisation?: boolean;
}

/**
 * One kind of workload: everything pond dispatches on `kind:` for. A kind is one folder under
 * src/workloads/ exporting one of these, and one line in registry.ts; `service` is the kind whose
 * expansion is the identity.
 */
export interface KindDefinition<F = unknown> {
  name: string;
  /** The kind publishes one server port on the host, derived from the project and name when `port:` is absent. */
  publishesPort?: boolean;
  /** The kind's defaults fill `resources:` keys the user left out (shown as defaults by `pond config`). */
  defaultsResources?: boolean;
  /** Pure data over the files the kind reads; undefined after reporting why it cannot expand. */
  expand(name: string, raw: RawWorkload, ctx: KindContext): KindExpansion<F> | undefined;
  /** The kind's part of schema/pond.schema.json (src/workloads/<kind>/schema.json). */
  schema: KindSchemaPart;
  /** Secret values in the facts (a database's password, a bot's config secrets): redacted in every output. */
  secrets?(facts: F): string[];
  /** What `pond info` shows for the kind's workloads, beyond their containers. */
  info?: KindInfo<F, unknown>;
  /** Files the workload's runs write, relative to the project (a query's output): they need not exist before the first up, yet others may read them. */
  writes?(name: string, raw: RawWorkload): string[];
  /** Set when the workload has no standing container between runs (a query, a scheduled bot): what it is, and what to do instead. */
  transient?(facts: F): { what: string; hint: string } | undefined;
  /**
   * Where a person points a browser or client on this machine once it runs, with `mask` in place of
   * any password; they replace the URLs of its HTTP health check (up) and of its published ports (the dashboard).
   */
  links?(facts: F, mask: string): KindLink[];
  /** What the plan and apply need beyond the container spec (data at risk, run to completion, settle). */
  lifecycle?(facts: F): KindLifecycle;
  /** Env `pond exec` sets in the workload's container before the user's `-e` (a database client's login); secrets: never printed. */
  execEnv?(facts: F): Record<string, string>;
  /**
   * Set when the kind never runs as more than one copy (`replicas:` above 1 is refused on every
   * backend): why (one data volume, a run) and what to do instead.
   */
  singleCopy?: { why: string; hint: string };
  /** Keys of the workload that need a backend capability (checked before anything runs). */
  needs?(facts: F): KindNeed[];
  /** How the kind's facts show in the spec label and `pond config`, in place of env it derives from them. */
  display?(facts: F, digest: (secret: string) => string): KindDisplay;
}
