import { MAX_DEPTH } from './caps.js';
import { nodeEvents, type NodeEvent } from './fast-events.js';
import { LineIndex } from './line-index.js';
import { retype } from './interpolate.js';
import type { MapEntry, MapNode, ScalarNode, TreeNode } from './tree.js';

/** Past this a key is refused by the yaml library (an implicit key is at most 1024 characters). */
const MAX_KEY_LENGTH = 1000;

/**
 * Markers of documents and directives, line breaks the two parsers may count differently, and tabs
 * in indentation (js-yaml lets some pass on blank lines that the yaml library refuses).
 */
const UNUSUAL = /^(?:---|\.\.\.|%)|^ *\t|\r(?!\n)|[\u0085\u2028\u2029]/m;

const DECLINE = new Error('fast path declines');

/**
 * The located tree of parse.ts, built from js-yaml's much faster loader, or undefined whenever the
 * text holds anything beyond plain mappings, lists and scalars (anchors, tags, merge keys, several
 * documents, odd keys, deep nesting, anything js-yaml refuses or warns about). The full parser then
 * runs and is the only source of diagnostics. Plain scalars are typed by retype, the core-schema
 * rules the full parser uses, so values agree by construction; test/unit/config/parse-fast.test.ts
 * holds the two paths to the same trees.
 */
export function fastTree(file: string, text: string): MapNode | undefined {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = shift === 1 ? text.slice(1) : text;
  if (body.trim() === '' || UNUSUAL.test(body)) return undefined;
  const top = nodeEvents(body);
  if (!top) return undefined;
  try {
    const tree = new FastBuilder(file, body, shift).node(top, 0);
    return tree.kind === 'map' ? tree : undefined;
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/** Turns js-yaml's node events into the located tree, declining (by throwing DECLINE) at anything unusual. */
class FastBuilder {
  private readonly lines: LineIndex;

  constructor(
    file: string,
    private readonly text: string,
    shift: number,
  ) {
    this.lines = new LineIndex(file, text, shift);
  }

  /** `depth`: how many collections enclose the node. */
  node(event: NodeEvent, depth: number): TreeNode {
    const e = unwrap(event);
    if (this.text.charCodeAt(e.end) === 0x23 && !isSpace(this.text.charCodeAt(e.end - 1))) throw DECLINE;
    if (e.kind === 'mapping') return this.map(e, depth);
    if (e.kind === 'sequence') return this.seq(e, depth);
    if (e.kind === 'scalar' && typeof e.result === 'string') return this.scalar(e, e.result);
    if (e.kind === null && e.result === null) return this.empty(e);
    throw DECLINE;
  }

  private map(e: NodeEvent, depth: number): MapNode {
    if (depth >= MAX_DEPTH - 1 || e.children.length % 2 !== 0) throw DECLINE;
    const start = this.start(e);
    const loc = this.lines.at(start);
    const flow = this.text.charCodeAt(start) === 0x7b;
    const result = e.result as Record<string, unknown>;
    const entries = new Map<string, MapEntry>();
    for (let i = 0; i < e.children.length; i += 2) {
      const key = unwrap(e.children[i]!);
      const value = e.children[i + 1]!;
      const raw = this.keyText(key, flow);
      if (result[raw] !== value.result) throw DECLINE;
      const keyStart = this.start(key);
      const name = keyName(raw, this.text.charCodeAt(keyStart));
      if (entries.has(name)) throw DECLINE;
      entries.set(name, { key: this.lines.at(keyStart), node: this.node(value, depth + 1) });
    }
    if (entries.size !== Object.keys(result).length) throw DECLINE;
    return { kind: 'map', loc, entries };
  }

  private seq(e: NodeEvent, depth: number): TreeNode {
    const result = e.result as unknown[];
    if (depth >= MAX_DEPTH - 1 || e.children.length !== result.length) throw DECLINE;
    const loc = this.lines.at(this.start(e));
    const items = e.children.map((child, i) => {
      if (child.result !== result[i]) throw DECLINE;
      return this.node(child, depth + 1);
    });
    return { kind: 'seq', loc, items };
  }

  /** A key's text as js-yaml read it: a scalar that begins where composing began, followed by `:`. */
  private keyText(key: NodeEvent, flow: boolean): string {
    if (key.kind !== 'scalar' || typeof key.result !== 'string') throw DECLINE;
    if (isSpace(this.text.charCodeAt(key.open)) || key.end - key.open > MAX_KEY_LENGTH) throw DECLINE;
    if (flow && this.text.charCodeAt(this.skip(key.end)) !== 0x3a) throw DECLINE;
    return key.result;
  }

  private scalar(e: NodeEvent, text: string): ScalarNode {
    const start = this.start(e);
    const style = styleOf(this.text.charCodeAt(start));
    if (style === 'block' && this.leadingBlankLine(start)) throw DECLINE;
    const value = style === 'plain' ? retype(text) : text;
    return { kind: 'scalar', loc: this.lines.at(start), value, plain: style === 'plain', source: text };
  }

  /** A missing value sits where the full parser puts it: after the indicator and the spaces that follow it. */
  private empty(e: NodeEvent): ScalarNode {
    let at = e.open;
    while (this.text.charCodeAt(at) === 0x20 || this.text.charCodeAt(at) === 0x09) at++;
    return { kind: 'scalar', loc: this.lines.at(at), value: null, plain: true, source: '' };
  }

  /**
   * A block scalar whose first content line follows a line of spaces: the yaml library insists on an
   * indentation indicator there, js-yaml does not, so the full parser must see it.
   */
  private leadingBlankLine(start: number): boolean {
    let line = this.text.indexOf('\n', start) + 1;
    while (line > 0 && line < this.text.length) {
      const end = this.text.indexOf('\n', line);
      const content = this.text.slice(line, end === -1 ? undefined : end).replace(/\r$/, '');
      if (content.trim() !== '') return false;
      if (content !== '') return true;
      line = end + 1;
    }
    return false;
  }

  private start(e: NodeEvent): number {
    return this.skip(e.open);
  }

  /** Past spaces, tabs, line breaks and comments, as js-yaml skips before a node. */
  private skip(from: number): number {
    let at = from;
    for (;;) {
      const ch = this.text.charCodeAt(at);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) at++;
      else if (ch === 0x23) at = this.lineEnd(at);
      else return at;
    }
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    return end === -1 ? this.text.length : end;
  }
}

/** A node the loader read as a would-be key and kept as its parent's result is that parent. */
function unwrap(event: NodeEvent): NodeEvent {
  let e = event;
  while (e.children.length === 1 && e.children[0]!.result === e.result && e.kind === e.children[0]!.kind) {
    e = e.children[0]!;
  }
  return e;
}

/** The name the full parser gives a key: a plain one is typed first, so `0x1F:` names "31". */
function keyName(raw: string, first: number): string {
  if (raw === '<<') throw DECLINE;
  if (styleOf(first) !== 'plain') return raw;
  return String(retype(raw) ?? '');
}

function styleOf(ch: number): 'plain' | 'quoted' | 'block' {
  if (ch === 0x22 || ch === 0x27) return 'quoted';
  if (ch === 0x7c || ch === 0x3e) return 'block';
  return 'plain';
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
}
