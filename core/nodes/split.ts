/**
 * A percentage split sends `percent` % of calls to `then` and the rest to `else`.
 * Only a split strictly between 0 and 100 % draws a random number: 0 % always takes
 * `else` and 100 % always `then`, so the run time, the registry's exits, the test
 * generator and the simulator's steering read one answer from here.
 */
export function isDrawingSplit(percent: number): boolean {
  return percent > 0 && percent < 100;
}

/** Whether a split of `percent` % can ever take `then` (`toThen`) or `else`. */
export function canSplitTake(percent: number, toThen: boolean): boolean {
  return toThen ? percent > 0 : percent < 100;
}
