import type { Output } from './output.js';

/** Where `pond pull` reports each image's progress; the command does not care how it is drawn. */
export interface PullProgress {
  update(image: string, line: string): void;
  done(image: string, line: string): void;
}

/**
 * On a terminal, one line per image, rewritten in place as its pull goes on (stderr; cut to the
 * terminal's width, since a wrapped line would break the redraw); elsewhere
 * plain timestamped lines, an image's final line always and its progress as pullImage reports it.
 * `quiet` (or --progress quiet) prints nothing at all; --progress json gives one JSON line per final line (output.log).
 */
export function pullProgress(
  output: Output,
  images: string[],
  quiet: boolean,
  stderr: NodeJS.WriteStream = process.stderr,
): PullProgress {
  const mode = output.progress ?? (output.tty ? 'tty' : 'plain');
  if (quiet || mode === 'quiet') return { update: () => undefined, done: () => undefined };
  if (mode !== 'tty') return { update: (_i, line) => output.log(line), done: (_i, line) => output.log(line) };
  const lines = new Map(images.map((i) => [i, `${i}: waiting`]));
  const fit = (line: string): string =>
    stderr.columns && line.length >= stderr.columns ? line.slice(0, stderr.columns - 1) : line;
  stderr.write([...lines.values()].map(fit).join('\n') + '\n');
  const finished = new Set<string>();
  const draw = (): void => {
    stderr.write(`\x1b[${lines.size}A` + [...lines.values()].map((l) => `\x1b[2K${fit(l)}`).join('\n') + '\n');
  };
  return {
    update: (image, line) => {
      if (finished.has(image)) return;
      lines.set(image, line);
      draw();
    },
    done: (image, line) => {
      finished.add(image);
      lines.set(image, line);
      draw();
    },
  };
}
