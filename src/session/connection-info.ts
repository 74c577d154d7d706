import { LABEL } from '../labels.js';
import type { ObservedContainer } from '../engine/types.js';
import type { WorkloadSpec } from '../model/types.js';
import { connectionUrl } from '../workloads/database/expand.js';
import type { NotebookFacts } from '../workloads/notebook/expand.js';

/** The password as shown unless the caller asked to see it. */
export const HIDDEN = '****';

/**
 * How to reach one database from this machine (`url`) and from the project's network (`network_url`).
 * `password` is present only when revealed; both URLs carry `****` otherwise, so a log of them leaks nothing.
 */
export interface DatabaseInfo {
  workload: string;
  engine: string;
  version: string;
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  url: string;
  network_url: string;
}

/** A notebook's address; its URL carries the token, since opening it is what the URL is for. */
export interface NotebookInfo {
  workload: string;
  server: string;
  host: string;
  port: number;
  url: string;
}

/** A service's addresses on this machine: one URL per published TCP port. */
export interface ServiceInfo {
  workload: string;
  urls: string[];
}

/** A notebook's URL with its token, as Jupyter itself prints it: the token is what opens it. */
export function notebookUrl(n: NotebookFacts): string {
  return `http://127.0.0.1:${n.hostPort}/?${n.tokenQuery}=${n.token}`;
}

/** A database's connection facts from the config (no engine needed); the password only when `reveal`. */
export function databaseInfo(w: WorkloadSpec & { database: NonNullable<WorkloadSpec['database']> }, reveal: boolean): DatabaseInfo {
  const c = w.database.connection;
  const password = reveal ? c.password : HIDDEN;
  return {
    workload: w.name, engine: c.engine, version: w.database.version, host: '127.0.0.1', port: c.hostPort, user: c.user, database: c.database,
    ...(reveal && { password: c.password }),
    url: connectionUrl(c, 'host', password),
    network_url: connectionUrl(c, 'network', password),
  };
}

export function notebookInfo(w: WorkloadSpec & { notebook: NotebookFacts }): NotebookInfo {
  return { workload: w.name, server: w.notebook.server, host: '127.0.0.1', port: w.notebook.hostPort, url: notebookUrl(w.notebook) };
}

/**
 * Services (not databases or notebooks, which have their own URLs) with a published TCP port, as
 * the engine bound it: a port bound on every address is reached at 127.0.0.1. Pure.
 */
export function serviceInfos(workloads: WorkloadSpec[], containers: ObservedContainer[]): ServiceInfo[] {
  return workloads.flatMap((w) => {
    if (w.database || w.notebook) return [];
    const c = containerOf(containers, w.name);
    const urls = [...new Set((c?.ports ?? []).filter((p) => p.protocol === 'tcp' && p.host).map((p) => `http://${reachableHost(p.hostIp)}:${p.host}`))];
    return urls.length ? [{ workload: w.name, urls }] : [];
  });
}

/** The workload's container; while a replace is under way (two of them), the running one. */
export function containerOf(containers: ObservedContainer[], workload: string): ObservedContainer | undefined {
  const mine = containers.filter((c) => c.labels[LABEL.workload] === workload);
  return mine.find((c) => c.state === 'running') ?? mine[0];
}

/** The address to dial for a port bound on `ip`: every-address bindings are reached on loopback. */
export function reachableHost(ip: string): string {
  if (!ip || ip === '0.0.0.0' || ip === '::') return '127.0.0.1';
  return ip.includes(':') ? `[${ip}]` : ip;
}
