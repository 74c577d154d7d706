import { visit, type Document } from 'yaml';
import type { Diagnostic, Location } from '../errors.js';
import { MAX_DEPTH } from './caps.js';

type At = (offset: number) => Location;

/**
 * Checks on a parsed document that the yaml library leaves to its caller or words in its own terms:
 * pond names the problem in the user's vocabulary and points at it.
 */

/** An alias whose anchor is not defined before it (YAML resolves anchors backwards only). */
export function undefinedAlias(doc: Document, at: At): Diagnostic | undefined {
  let found: Diagnostic | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = {
        code: 'undefined-alias',
        message: `alias *${node.source} is not defined`,
        hint: `define the anchor before the alias, e.g. "x-${node.source}: &${node.source} value" near the top of the file`,
        location: at(node.range?.[0] ?? 0),
        severity: 'error',
      };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Explicit tags other than YAML's core ones (!!str, !!int, …). The library only warns about them and
 * would hand the value on untyped; `!!js/function`-style tags are how YAML loaders get exploited.
 */
export function unknownTags(doc: Document, text: string, at: At): Diagnostic[] {
  return doc.warnings
    .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
    .map((w) => ({
      code: 'unknown-tag',
      message: `unknown tag ${text.slice(w.pos[0], w.pos[1]).trim() || 'here'}: pond reads plain YAML only`,
      hint: 'remove the tag; to force a string, quote the value ("8080") or tag it !!str',
      location: at(w.pos[0]),
      severity: 'error',
    }));
}

/** The library's MULTIPLE_DOCS error, in pond's words. */
export function secondDocument(location: Location): Diagnostic {
  return {
    code: 'multiple-documents',
    message: 'pond.yaml holds one document; a second one starts here',
    hint: 'remove the "---" line and what follows, or merge it into the first document (use -f for a second file)',
    location,
    severity: 'error',
  };
}

export function tooDeep(location: Location): Diagnostic {
  return {
    code: 'nesting-depth',
    message: `mappings and lists nest deeper than ${MAX_DEPTH} levels here; refusing to load`,
    hint: 'a pond.yaml needs a few levels: check that this is the right file',
    location,
    severity: 'error',
  };
}
