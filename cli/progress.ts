import { SingleBar } from 'cli-progress';

/** Progress over reports; silent unless stderr is a terminal and there is more than one thing to do. */
export interface Progress {
  addTotal(reports: number): void;
  tick(label: string): void;
  stop(): void;
}

export interface ProgressOptions {
  readonly enabled: boolean;
  readonly inputs: number;
  /** The bar's line in the user's language, with cli-progress's `{bar}` `{value}` `{total}` `{label}`. */
  readonly format: string;
}

/** A progress bar on stderr for interactive use; a no-op otherwise (pipes, CI, `--json`). */
export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return { addTotal() {}, tick() {}, stop() {} };
  let bar: SingleBar | undefined;
  let total = 0;
  let done = 0;
  return {
    addTotal(reports) {
      total += reports;
      // One input with one report finishes too fast for a bar to mean anything.
      if (!bar && (options.inputs > 1 || total > 1)) {
        bar = new SingleBar({ format: options.format, stream: process.stderr, hideCursor: true, clearOnComplete: true }, undefined);
        bar.start(total, done, { label: '' });
      }
      bar?.setTotal(total);
    },
    tick(label) {
      done += 1;
      bar?.update(done, { label: label.length > 24 ? `${label.slice(0, 23)}…` : label });
    },
    stop() {
      bar?.stop();
    },
  };
}
