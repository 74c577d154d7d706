import type { ServiceContext } from './context.js';
import { Notes, type ImportNote } from './notes.js';
import { convertService } from './service.js';
import { unsetVariables } from './variables.js';
import { asString, isMap, pondName, type Data } from './words.js';

/** What `pond import` writes: pond.yaml's data, and every note to place as a comment and summarise. */
export interface ImportResult {
  data: Data;
  notes: ImportNote[];
}

/**
 * A Compose project (already merged from its files) as pond.yaml data. Pure. Services become plain
 * `kind: service` workloads, even on a postgres or mysql image: the database presets bring their own
 * env contract, image tag, health check and limits, which would change what the Compose file said.
 * `folder` names the project when the file does not, as Compose does, for built images' names.
 */
export function convertProject(compose: Data, folder: string): ImportResult {
  const top = new Notes();
  const project = pondName(typeof compose.name === 'string' ? compose.name : folder).replace(/\./g, '-');
  const services = isMap(compose.services) ? compose.services : {};
  const serviceNames = new Map(Object.keys(services).map((n) => [n, pondName(n)]));
  const volumes = declaredVolumes(compose.volumes, top);
  const extra = new Set<string>();
  const workloads: Data = {};
  const notes: ImportNote[] = [];
  for (const [name, svc] of Object.entries(services)) {
    const ctx: ServiceContext = {
      name: serviceNames.get(name)!,
      services: serviceNames,
      volumes: new Map([...volumes.keys()].map((v) => [v, pondName(v)])),
      addVolume: (v) => extra.add(v),
      secrets: isMap(compose.secrets) ? compose.secrets : {},
      configs: isMap(compose.configs) ? compose.configs : {},
      builtImage: `${project}-${name.toLowerCase()}`,
    };
    const converted = convertService(isMap(svc) ? svc : {}, ctx);
    workloads[ctx.name] = converted.workload;
    notes.push(...converted.notes);
    if (ctx.name !== name) top.change(`service ${name} is the workload ${ctx.name} (pond names are lowercase)`);
  }
  const data: Data = { version: 1, ...(typeof compose.name === 'string' && { name: project }), workloads };
  const allVolumes: Data = Object.fromEntries([...volumes.entries()].map(([k, v]) => [pondName(k), v]));
  for (const v of extra) allVolumes[v] = {};
  if (Object.keys(allVolumes).length > 0) data.volumes = allVolumes;
  topLevelNotes(compose, top);
  const unset = unsetVariables(compose);
  if (unset.length > 0)
    top.change(
      `pond stops at an unset variable without a default, where Compose warns and uses "": set ${unset.join(', ')} (in .env beside pond.yaml, or the shell), or give defaults (\${NAME:-})`,
    );
  return { data, notes: [...top.list, ...notes] };
}

function declaredVolumes(raw: unknown, notes: Notes): Map<string, Data> {
  const out = new Map<string, Data>();
  if (!isMap(raw)) return out;
  for (const [name, def] of Object.entries(raw)) {
    const v: Data = {};
    if (isMap(def)) {
      if (def.external === true || isMap(def.external)) v.external = true;
      if (def.labels !== undefined)
        v.labels = Object.fromEntries(
          Object.entries(isMap(def.labels) ? def.labels : {}).map(([k, l]) => [k, asString(l)]),
        );
      for (const key of Object.keys(def)) {
        if (key === 'external' || key === 'labels') continue;
        notes.skip(
          `volumes.${name}.${key}`,
          key === 'name'
            ? 'pond names volumes itself (<project>_<volume>); an existing one is external: true'
            : 'pond makes local volumes with default options only',
        );
      }
    }
    out.set(name, v);
  }
  return out;
}

function topLevelNotes(compose: Data, notes: Notes): void {
  if (compose.version !== undefined)
    notes.skip(`version: ${asString(compose.version)}`, 'Compose ignores it too; pond.yaml is version 1');
  if (isMap(compose.networks) && Object.keys(compose.networks).length > 0)
    notes.skip(
      'networks',
      'pond puts every workload on one project network, where each reaches the others by workload name',
    );
  for (const key of Object.keys(compose)) {
    if (['version', 'name', 'services', 'volumes', 'networks', 'secrets', 'configs'].includes(key)) continue;
    notes.skip(
      key,
      key.startsWith('x-')
        ? "x- extension keys are Compose's own (anchors in them were already applied)"
        : 'pond has no such top-level setting',
    );
  }
}
