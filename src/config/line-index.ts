import type { Location } from '../errors.js';

/**
 * Offsets to 1-based line and column, counted as the yaml library's LineCounter counts them (a line
 * ends at `\n`; a column is UTF-16 code units), so the fast tree's locations match the full parser's.
 * `shift` is the length of a byte order mark cut from the text before it reached the parser: the full
 * parser counts it in the first line's columns.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** The line of the last offset asked: nodes come in document order, so the next is found by stepping on. */
  private line = 0;

  constructor(
    private readonly file: string,
    text: string,
    private readonly shift: number,
  ) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  at(offset: number): Location {
    const starts = this.starts;
    if (starts[this.line]! > offset) this.line = lineBefore(starts, offset);
    while (this.line + 1 < starts.length && starts[this.line + 1]! <= offset) this.line++;
    const line = this.line;
    return { file: this.file, line: line + 1, col: offset - starts[line]! + 1 + (line === 0 ? this.shift : 0) };
  }
}

/** The index of the last line start at or before `offset`. */
function lineBefore(starts: number[], offset: number): number {
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
