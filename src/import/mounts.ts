import { optIn, type ServiceContext } from './context.js';
import type { Notes } from './notes.js';
import { asString, isMap, pondName, type Data } from './words.js';

const SOCKET = /(^|\/)docker\.sock$/;
const OUTSIDE = /^(\/|~|\$)/;

/**
 * `volumes:`, `tmpfs:`, `secrets:` and `configs:` all become pond mounts. A bind outside the project
 * folder (absolute, `~`, from a variable) keeps working only with pond's explicit
 * `unsafe: [outside-project]`, which is written with a note so the opt-in is visible.
 */
export function convertMounts(svc: Data, out: Data, ctx: ServiceContext, notes: Notes): void {
  const mounts: (string | Data)[] = [];
  if (Array.isArray(svc.volumes))
    for (const v of svc.volumes)
      push(mounts, isMap(v) ? longMount(v, out, ctx, notes) : shortMount(asString(v), out, ctx, notes));
  for (const t of listOf(svc.tmpfs)) mounts.push(tmpfsMount(asString(t), notes));
  for (const s of listOf(svc.secrets)) push(mounts, fileMount('secrets', s, ctx.secrets, '/run/secrets/', notes));
  for (const c of listOf(svc.configs)) push(mounts, fileMount('configs', c, ctx.configs, '/', notes));
  if (mounts.length > 0) out.volumes = mounts;
}

function push(mounts: (string | Data)[], m: string | Data | undefined): void {
  if (m !== undefined) mounts.push(m);
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function shortMount(text: string, out: Data, ctx: ServiceContext, notes: Notes): string | undefined {
  const parts = text.split(':');
  if (parts.length === 1) return anonymous(text, ctx, notes);
  const [source, target, mode] = parts as [string, string, string | undefined];
  if (parts.length > 3 || !target.startsWith('/')) {
    notes.skip(`volume "${text}"`, 'not a mount pond can read', 'volumes');
    return undefined;
  }
  const flags = (mode ?? '').split(',').filter(Boolean);
  const access = flags.find((f) => f === 'ro' || f === 'rw');
  const other = flags.filter((f) => f !== access);
  if (other.length > 0)
    notes.skip(`volume "${text}" options ${other.join(',')}`, 'pond mounts take only ro or rw', 'volumes');
  const name = isPath(source) ? source : named(source, ctx);
  if (isPath(source)) bindSafety(source, out, notes);
  return `${name}:${target}${access === 'ro' ? ':ro' : ''}`;
}

function isPath(source: string): boolean {
  return /^(\.|\/|~|\$)/.test(source);
}

function named(source: string, ctx: ServiceContext): string {
  return ctx.volumes.get(source) ?? pondName(source);
}

function anonymous(target: string, ctx: ServiceContext, notes: Notes): string {
  const name = pondName(`${ctx.name}${target.replace(/\//g, '-')}`).replace(/-+$/, '');
  ctx.addVolume(name);
  notes.change(
    `the anonymous volume ${target} is the named volume ${name} (kept across down, like Compose keeps it across recreates)`,
    'volumes',
  );
  return `${name}:${target}`;
}

function bindSafety(source: string, out: Data, notes: Notes): void {
  if (SOCKET.test(source)) {
    optIn(out, 'docker-socket');
    notes.change(
      `${source} gives the container control of the engine: pond needs unsafe: [docker-socket] for it`,
      'unsafe',
    );
  }
  if (!OUTSIDE.test(source)) return;
  optIn(out, 'outside-project');
  notes.change(
    `${source} is (or may be) outside the project folder: pond needs unsafe: [outside-project] for it`,
    'unsafe',
  );
}

function longMount(raw: Data, out: Data, ctx: ServiceContext, notes: Notes): Data | undefined {
  const type = asString(raw.type ?? 'volume');
  const target = asString(raw.target ?? '');
  if (!['volume', 'bind', 'tmpfs'].includes(type) || !target.startsWith('/')) {
    notes.skip(
      `volume of type ${type}${target ? ` at ${target}` : ''}`,
      'pond mounts volumes, binds and tmpfs at absolute paths',
      'volumes',
    );
    return undefined;
  }
  const mount: Data = { type, target };
  if (raw.source !== undefined && type !== 'tmpfs')
    mount.source = type === 'volume' ? named(asString(raw.source), ctx) : asString(raw.source);
  if (type === 'volume' && raw.source === undefined)
    return { type, source: anonymous(target, ctx, notes).split(':')[0], target };
  if (type === 'bind') bindSafety(asString(raw.source ?? ''), out, notes);
  if (raw.read_only === true) mount.read_only = true;
  const size = isMap(raw.tmpfs) ? raw.tmpfs.size : undefined;
  if (type === 'tmpfs' && size !== undefined) mount.tmpfs = { size: typeof size === 'number' ? size : asString(size) };
  for (const key of ['bind', 'volume', 'consistency', 'image'] as const)
    if (raw[key] !== undefined) notes.skip(`volumes[].${key}`, 'pond has no such mount option', 'volumes');
  if (isMap(raw.tmpfs) && raw.tmpfs.mode !== undefined)
    notes.skip('volumes[].tmpfs.mode', 'pond sets no tmpfs mode', 'volumes');
  return mount;
}

function tmpfsMount(text: string, notes: Notes): Data {
  const [target, ...options] = text.split(':');
  const size = options
    .join(':')
    .split(',')
    .find((o) => o.startsWith('size='))
    ?.slice(5);
  const rest = options
    .join(':')
    .split(',')
    .filter((o) => o && !o.startsWith('size='));
  if (rest.length > 0) notes.skip(`tmpfs options ${rest.join(',')}`, 'pond sets only a tmpfs size', 'volumes');
  return size
    ? { type: 'tmpfs', target, tmpfs: { size: /^[0-9]+$/.test(size) ? Number(size) : size } }
    : { type: 'tmpfs', target };
}

/** A secret or config with `file:` is that file mounted read-only where Compose would put it. */
function fileMount(
  kind: 'secrets' | 'configs',
  ref: unknown,
  defs: Data,
  base: string,
  notes: Notes,
): Data | undefined {
  const source = asString(isMap(ref) ? ref.source : ref);
  const def = defs[source];
  const file = isMap(def) ? def.file : undefined;
  if (typeof file !== 'string') {
    const why =
      isMap(def) && def.environment !== undefined
        ? 'it comes from an environment variable: pass it in env instead'
        : 'only file-based ones become a mount';
    notes.skip(`${kind}.${source}`, why, 'volumes');
    return undefined;
  }
  const given = isMap(ref) && typeof ref.target === 'string' ? ref.target : undefined;
  const target = given?.startsWith('/') ? given : `${base}${given ?? source}`;
  if (isMap(ref) && (ref.uid !== undefined || ref.gid !== undefined || ref.mode !== undefined))
    notes.skip(`${kind}.${source} uid/gid/mode`, "a bind mount keeps the file's own owner and mode", 'volumes');
  const src = /^(\.|\/|~)/.test(file) ? file : `./${file}`;
  notes.change(`${kind.slice(0, -1)} ${source} is the file ${src} mounted read-only at ${target}`, 'volumes');
  return { type: 'bind', source: src, target, read_only: true };
}
