import { UsageError } from '../../errors.js';
import { connectionUrl } from '../../workloads/database/expand.js';
import type { Context } from '../context.js';
import { table } from '../output.js';
import { HIDDEN } from '../urls.js';

export interface InfoFlags {
  format: 'text' | 'json';
  reveal?: boolean;
}

/**
 * `pond info [WORKLOAD]`: how to connect to each database, from this machine. Needs no engine: the
 * port is part of the config. The password shows only with --reveal.
 */
export async function infoCommand(ctx: Context, workload: string | undefined, flags: InfoFlags): Promise<number> {
  const project = await ctx.project();
  const databases = project.spec.workloads.filter((w) => w.database && (!workload || w.name === workload));
  if (workload && !databases.length) {
    const names = project.spec.workloads.filter((w) => w.database).map((w) => w.name);
    throw new UsageError(`"${workload}" is not a database workload in project "${project.spec.name}"`, names.length ? `databases: ${names.join(', ')}` : 'this project has no kind: database workload');
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
  if (flags.format === 'json') ctx.output.out(JSON.stringify({ project: project.spec.name, databases: infos }, null, 2));
  else if (!infos.length) ctx.output.err(`project "${project.spec.name}" has no database workloads`);
  else ctx.output.out(table([['WORKLOAD', 'ENGINE', 'HOST', 'PORT', 'USER', 'DATABASE', 'URL'], ...infos.map((i) => [i.workload, `${i.engine} ${i.version}`, i.host, String(i.port), i.user, i.database, i.url])]));
  return 0;
}
