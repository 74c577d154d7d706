import { UsageError } from '../../errors.js';
import { connectionUrl } from '../../workloads/database/expand.js';
import type { Context } from '../context.js';
import { table } from '../output.js';
import { HIDDEN, notebookUrl } from '../urls.js';

export interface InfoFlags {
  format: 'text' | 'json';
  reveal?: boolean;
}

/**
 * `pond info [WORKLOAD]`: how to connect to each database and open each notebook, from this machine.
 * Needs no engine: ports are part of the config. A database's password shows only with --reveal; a
 * notebook's URL carries its token, since opening it is what the URL is for.
 */
export async function infoCommand(ctx: Context, workload: string | undefined, flags: InfoFlags): Promise<number> {
  const project = await ctx.project();
  const databases = project.spec.workloads.filter((w) => w.database && (!workload || w.name === workload));
  const notebooks = project.spec.workloads.filter((w) => w.notebook && (!workload || w.name === workload));
  if (workload && !databases.length && !notebooks.length) {
    const names = project.spec.workloads.filter((w) => w.database || w.notebook).map((w) => w.name);
    throw new UsageError(`"${workload}" is not a database or notebook in project "${project.spec.name}"`, names.length ? `databases and notebooks: ${names.join(', ')}` : 'this project has no kind: database or kind: notebook workload');
  }
  const infos = databases.map((w) => {
    const c = w.database!.connection;
    const password = flags.reveal ? c.password : HIDDEN;
    return {
      workload: w.name, engine: c.engine, version: w.database!.version, host: '127.0.0.1', port: c.hostPort, user: c.user, database: c.database,
      ...(flags.reveal && { password: c.password }),
      url: connectionUrl(c, 'host', password),
      network_url: connectionUrl(c, 'network', password),
    };
  });
  const servers = notebooks.map((w) => ({ workload: w.name, server: w.notebook!.server, host: '127.0.0.1', port: w.notebook!.hostPort, url: notebookUrl(w.notebook!) }));
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ project: project.spec.name, databases: infos, notebooks: servers }, null, 2));
  else if (!infos.length && !servers.length) ctx.output.err(`project "${project.spec.name}" has no database or notebook workloads`);
  else {
    if (infos.length) ctx.output.out(table([['WORKLOAD', 'ENGINE', 'HOST', 'PORT', 'USER', 'DATABASE', 'URL'], ...infos.map((i) => [i.workload, `${i.engine} ${i.version}`, i.host, String(i.port), i.user, i.database, i.url])]));
    if (infos.length && servers.length) ctx.output.out('');
    if (servers.length) ctx.output.out(table([['WORKLOAD', 'SERVER', 'HOST', 'PORT', 'URL'], ...servers.map((n) => [n.workload, n.server, n.host, String(n.port), n.url])]));
  }
  return 0;
}
