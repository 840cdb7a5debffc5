/**
 * Runs async work one piece at a time, in the order it was asked for. A piece
 * that fails fails for its caller alone; the next one runs all the same.
 */
export function createOneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
}
