import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs`, strict, with its errors turned into one-line usage errors. */
export function parseCommandArgs<Options extends OptionsConfig>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages go on with advice about `--`; the first sentence says what is wrong
    const firstSentence = message.split(/\.\s/)[0] ?? message;
    throw new UsageError(firstSentence.charAt(0).toLowerCase() + firstSentence.slice(1));
  }
}

/** A whole number from `--name N`, within bounds. */
export function parseCount(value: string, option: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const count = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < min || count > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
    throw new UsageError(`bad ${option} value "${value}": expected ${range}`);
  }
  return count;
}
