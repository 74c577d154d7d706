/**
 * What `pond import` could not carry over, or carried over changed. Each note becomes a
 * `# pond import: ...` comment at the pond key it concerns (or the workload, or the file) and a line
 * of the summary on stderr, so nothing is dropped silently.
 */
export interface ImportNote {
  /** The workload it concerns; undefined for the file as a whole. */
  workload?: string;
  /** The pond key the comment is placed before; undefined: before the workload (or the file). */
  at?: string;
  text: string;
}

/** Collects the notes of one workload (or of the top level) as it is converted. */
export class Notes {
  readonly list: ImportNote[] = [];
  constructor(private readonly workload?: string) {}

  /** A Compose setting pond has no room for: `could not carry over <key>: <why>`. */
  skip(key: string, why: string, at?: string): void {
    this.add(`could not carry over ${key}: ${why}`, at);
  }

  /** A setting carried over with a difference worth knowing. */
  change(text: string, at?: string): void {
    this.add(text, at);
  }

  private add(text: string, at: string | undefined): void {
    if (this.list.some((n) => n.text === text && n.at === at)) return;
    this.list.push({
      ...(this.workload !== undefined && { workload: this.workload }),
      ...(at !== undefined && { at }),
      text,
    });
  }
}
