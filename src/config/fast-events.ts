import { FAILSAFE_SCHEMA, load, type State } from 'js-yaml';
import { MAX_DEPTH } from './caps.js';

/**
 * One node as js-yaml composed it: where composing began (before any separation space the loader
 * skips), where it ended, what it made, and the nodes composed inside it. A node the loader tried and
 * kept as its parent's result (a scalar read as a would-be key) shows up as a lone child with the same
 * result, which the tree builder unwraps.
 */
export interface NodeEvent {
  open: number;
  end: number;
  kind: string | null;
  result: unknown;
  /** Shared and empty until a child arrives: most nodes are scalars, and a file holds tens of thousands. */
  children: NodeEvent[];
}

const NONE: NodeEvent[] = [];

/** What the listener also reads from js-yaml's state, beyond its published type. */
interface LoaderState extends State {
  tag: string | null;
  anchor: string | null;
}

/** Thrown from the listener to stop js-yaml at the first thing the fast path leaves to the full one. */
const BAIL = new Error('fast path declines');

/**
 * The document's top node, or undefined when js-yaml refuses the text, warns about it, or meets an
 * anchor or an explicit tag: each of those is the full parser's to diagnose or to honour.
 * `body` is the text without its byte order mark; offsets are into it.
 */
export function nodeEvents(body: string): NodeEvent | undefined {
  const stack: NodeEvent[] = [{ open: 0, end: 0, kind: null, result: null, children: NONE }];
  const listener = (type: string, state: State): void => {
    if (type === 'open') {
      stack.push({ open: state.position, end: 0, kind: null, result: null, children: NONE });
      return;
    }
    const loader = state as LoaderState;
    if (loader.anchor !== null || (loader.tag !== null && loader.tag !== '?')) throw BAIL;
    const done = stack.pop()!;
    done.end = state.position;
    done.kind = state.kind;
    done.result = state.result;
    const parent = stack[stack.length - 1]!;
    if (parent.children === NONE) parent.children = [done];
    else parent.children.push(done);
  };
  const onWarning = (): void => {
    throw BAIL;
  };
  try {
    load(body, { schema: FAILSAFE_SCHEMA, listener, onWarning, maxDepth: MAX_DEPTH + 8 } as object);
  } catch {
    return undefined;
  }
  const top = stack[0]!.children;
  return top.length === 1 ? top[0] : undefined;
}
