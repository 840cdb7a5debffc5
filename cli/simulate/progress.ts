// A progress bar on a terminal: redrawn in place at most ten times a second.
// Not a terminal (a pipe, a CI log): nothing, the summary says it all.

const WIDTH = 30;
const REDRAW_MS = 100;

export interface ProgressBar {
  tick(): void;
  /** the final state and a new line */
  done(): void;
}

export function createProgressBar(total: number, write: (text: string) => void, isTTY: boolean): ProgressBar {
  if (!isTTY) return { tick: () => {}, done: () => {} };
  const started = performance.now();
  let count = 0;
  let drawnAt = 0;
  let drawn = false;
  const draw = () => {
    const filled = Math.round((count / total) * WIDTH);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count}/${total} calls, ${seconds} s`);
    drawnAt = performance.now();
    drawn = true;
  };
  return {
    tick() {
      count++;
      if (performance.now() - drawnAt >= REDRAW_MS || count === total) draw();
    },
    done() {
      if (!drawn) return;
      draw();
      write('\n');
    },
  };
}
