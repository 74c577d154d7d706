import path from 'node:path';
import type { MountSpec } from '../model/types.js';
import { readFileSet } from './files.js';
import { dnsName } from './names.js';
import { memoryQuantity } from './quantities.js';

/** What a workload's mounts become in its pod, and the objects they need beside it. */
export interface PodMounts {
  volumes: Record<string, unknown>[];
  volumeMounts: Record<string, unknown>[];
  /** ConfigMaps carrying read-only project files: name → contents. */
  configMaps: { name: string; data: Record<string, string>; binaryData: Record<string, string>; source: string }[];
  /** Named volumes the pod claims: a database's become volumeClaimTemplates, the rest PVC objects. */
  claims: string[];
  /**
   * Mounts with no cluster meaning, left as empty volumes, and why: for the warning and the annotation.
   * One outside the project is named by its target alone, so the text does not depend on this machine.
   */
  placeholders: { reason: string; mount: string }[];
}

/**
 * A database's data lives one folder down its claim: a fresh volume's root holds `lost+found`, which
 * postgres and mysql refuse to initialise over.
 */
const DATA_SUBDIR = 'data';

/** Where the mounts come from and what they are called. */
export interface MountContext {
  projectDir: string;
  /** The workload's Kubernetes name, the stem of its ConfigMaps' names. */
  name: string;
  /** A database claims its volumes per replica (volumeClaimTemplates) instead of through PVC objects. */
  templates: boolean;
}

/**
 * pond's mounts as pod volumes. A named volume is a PersistentVolumeClaim; tmpfs is a memory-backed
 * emptyDir; a read-only bind of project files is a ConfigMap (the cluster cannot see this machine's
 * folders). A writable bind, one outside the project, or one too large for a ConfigMap has no such
 * carrier: it is an empty volume, named in the workload's annotation and in a warning.
 */
export function podMounts(mounts: MountSpec[], ctx: MountContext): PodMounts {
  const out: PodMounts = { volumes: [], volumeMounts: [], configMaps: [], claims: [], placeholders: [] };
  mounts.forEach((m, i) => {
    const vol = `m${i}`;
    if (m.type === 'tmpfs') {
      out.volumes.push({
        name: vol,
        emptyDir: { medium: 'Memory', ...(m.sizeBytes && { sizeLimit: memoryQuantity(m.sizeBytes) }) },
      });
      out.volumeMounts.push({ name: vol, mountPath: m.target });
      return;
    }
    if (m.type === 'volume') {
      const claim = dnsName(m.source) ?? vol;
      if (!out.claims.includes(claim)) out.claims.push(claim);
      if (!ctx.templates) out.volumes.push({ name: vol, persistentVolumeClaim: { claimName: claim } });
      out.volumeMounts.push({
        name: ctx.templates ? claim : vol,
        mountPath: m.target,
        readOnly: m.readOnly,
        ...(ctx.templates && { subPath: DATA_SUBDIR }),
      });
      return;
    }
    bindMount(m, vol, ctx, out);
  });
  return out;
}

function bindMount(m: Extract<MountSpec, { type: 'bind' }>, vol: string, ctx: MountContext, out: PodMounts): void {
  const rel = path.relative(ctx.projectDir, m.source);
  const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  const why = !inside ? 'outside the project' : !m.readOnly ? 'writable' : undefined;
  const files = why ? undefined : readFileSet(m.source);
  if (!files) {
    out.placeholders.push({
      reason: why ?? 'missing, not plain files, or over 1 MiB',
      mount: inside ? `${rel || '.'} → ${m.target}` : m.target,
    });
    out.volumes.push({ name: vol, emptyDir: {} });
    out.volumeMounts.push({ name: vol, mountPath: m.target, readOnly: m.readOnly });
    return;
  }
  const name = `${ctx.name}-files-${out.configMaps.length}`;
  out.configMaps.push({ name, data: files.data, binaryData: files.binaryData, source: rel || '.' });
  out.volumes.push({ name: vol, configMap: { name, items: files.items } });
  out.volumeMounts.push({
    name: vol,
    mountPath: m.target,
    readOnly: true,
    ...(files.file && { subPath: files.items[0]!.path }),
  });
}
