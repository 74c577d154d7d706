import type { DocPath } from '../config/types.js';
import type { Reporter } from './report.js';

/**
 * Image references in docker's grammar (`[registry[:port]/]path[:tag][@digest]`), checked at load so
 * a typo is reported at its line instead of as "invalid reference format" halfway through an apply.
 * The first path component is a registry only when it has a "." or ":" or is "localhost", as
 * the engine decides; everything else is repository path, which must be lowercase.
 */
const MAX_NAME_LENGTH = 255;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const IMAGE_HINT = 'e.g. "busybox:1.35", "registry:5000/team/app:tag" or "name@sha256:<64 hex digits>"';

/** Reports a workload's `image:` at its line when it is not a reference the engine would take. */
export function checkImage(image: string | undefined, at: DocPath, report: Reporter): void {
  const problem = image ? imageRefProblem(image) : undefined;
  if (problem) report.error(at, 'image', `image "${image}" is not an image reference: ${problem}`, IMAGE_HINT);
}

/** Answers by reference: a project's workloads share a few images, and each check ran a dozen patterns. */
const problems = new Map<string, string | undefined>();

/** Why `ref` is not an image reference, in a few words; undefined when it is one. */
export function imageRefProblem(ref: string): string | undefined {
  if (problems.has(ref)) return problems.get(ref);
  const problem = refProblem(ref);
  if (problems.size >= 10_000) problems.clear();
  problems.set(ref, problem);
  return problem;
}

function refProblem(ref: string): string | undefined {
  if (/\s/.test(ref)) return 'it contains whitespace';
  const [named = '', digest, ...more] = ref.split('@');
  if (more.length > 0) return 'it has more than one "@"';
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return problem;
  }
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  if (hasTag) {
    const tag = named.slice(colon + 1);
    if (!TAG.test(tag))
      return tag === ''
        ? 'the tag after ":" is empty'
        : `tag "${tag}" may hold only letters, digits, "_", "." and "-" (at most 128)`;
  }
  return nameProblem(hasTag ? named.slice(0, colon) : named);
}

function digestProblem(digest: string): string | undefined {
  const [algorithm = '', hex = ''] = digest.split(':');
  const length = DIGEST_HEX[algorithm];
  if (length === undefined)
    return `the digest after "@" must be "sha256:<hex>" (sha384 and sha512 work too), not "${digest}"`;
  if (!new RegExp(`^[a-f0-9]{${length}}$`).test(hex) || digest.split(':').length !== 2)
    return `a ${algorithm} digest is ${length} lowercase hex digits`;
  return undefined;
}

function nameProblem(name: string): string | undefined {
  if (name === '') return 'it has no repository name';
  if (name.length > MAX_NAME_LENGTH) return `the name is longer than ${MAX_NAME_LENGTH} characters`;
  const parts = name.split('/');
  if (parts.at(-1) === '') return 'it ends with "/"';
  if (parts.includes('')) return 'it has an empty path component ("/" at the start or "//")';
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost');
  if (hasRegistry && !REGISTRY.test(first)) return `"${first}" is not a registry host with an optional port`;
  for (const part of hasRegistry ? parts.slice(1) : parts) {
    if (/[A-Z]/.test(part)) return 'repository names must be lowercase';
    if (part.includes(':')) return 'it has more than one ":" (one tag at most; a registry port needs a path after it)';
    if (!PATH_COMPONENT.test(part))
      return `"${part}" may hold only lowercase letters and digits, with ".", "_", "__" or "-" between them`;
  }
  return undefined;
}
