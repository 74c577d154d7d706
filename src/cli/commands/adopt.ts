import fs from 'node:fs';
import { sortOwnership, type ForeignObject } from '../../desired/ownership.js';
import { UsageError } from '../../errors.js';
import { adoptIdentity, identityFile } from '../../identity.js';
import { acquireLock } from '../../lock/lock.js';
import type { Context } from '../context.js';

export interface AdoptFlags {
  yes?: boolean;
  lockTimeoutMs: number;
}

/**
 * `pond adopt`: this checkout takes over the objects another checkout of the same project made,
 * after that checkout was moved without its `.pond/` folder, re-cloned, or deleted. It copies the
 * other identity into `.pond/project-id`; nothing on the engine changes. While the other checkout
 * still exists with that identity, both would act on the same objects, so that needs --yes.
 */
export async function adoptCommand(ctx: Context, flags: AdoptFlags): Promise<number> {
  const project = await ctx.projectName();
  const me = ctx.identity();
  const lock = await acquireLock(ctx.lockDir(), project, 'pond adopt', flags.lockTimeoutMs);
  try {
    const engine = await ctx.rawEngine();
    await engine.ping();
    const { foreign } = sortOwnership(await engine.observe(project), { project, id: me.id });
    const owners = groupByIdentity(foreign);
    if (!owners.size) {
      ctx.output.err(
        `Nothing to adopt: every object of project "${project}" already belongs to this checkout (${me.dir}).`,
      );
      return 0;
    }
    if (owners.size > 1) {
      const list = [...owners.values()].map((o) => o[0]!.dir ?? o[0]!.id).join(', ');
      throw new UsageError(
        `project "${project}" has objects of ${owners.size} other checkouts (${list}): pond cannot tell which to adopt`,
        'remove the objects you do not want with pond down from their own checkout',
      );
    }
    const [[id, objects]] = [...owners] as [[string, ForeignObject[]]];
    const dir = objects[0]!.dir;
    if (dir && dir !== me.dir && stillThere(dir, id) && !flags.yes) {
      throw new UsageError(
        `the checkout at ${dir} still exists and owns project "${project}": adopting would let both act on the same containers`,
        `pick another name here instead (pond -p ${project}-2), or pass --yes if ${dir} is a copy you will not use`,
      );
    }
    adoptIdentity(me, id);
    ctx.output.err(
      `Adopted project "${project}" (${objects.length} object${objects.length === 1 ? '' : 's'}, made at ${dir ?? 'an unknown folder'}): ${me.dir} now owns them.`,
    );
    return 0;
  } finally {
    await lock.release();
  }
}

function groupByIdentity(foreign: ForeignObject[]): Map<string, ForeignObject[]> {
  const out = new Map<string, ForeignObject[]>();
  for (const f of foreign) out.set(f.id, [...(out.get(f.id) ?? []), f]);
  return out;
}

function stillThere(dir: string, id: string): boolean {
  try {
    return fs.readFileSync(identityFile(dir), 'utf8').trim() === id;
  } catch {
    return false;
  }
}
