// A one-line progress bar on stderr, redrawn in place; only for terminals.
export interface Progress {
  update(done: number, total: number): void;
  /** Erases the bar. */
  end(): void;
}

export const PROGRESS_MIN_FILES = 20;

export function progressBar(write: (s: string) => void, width = 30): Progress {
  let drawn = false;
  return {
    update(done, total) {
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      drawn = true;
      write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} tests`);
    },
    end() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
    },
  };
}

export const noProgress: Progress = { update() {}, end() {} };
