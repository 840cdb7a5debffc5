import { formatJson } from './json.ts';
import { formatJunit } from './junit.ts';
import { formatSarif } from './sarif.ts';
import { formatStylish, formatStylishChunks } from './stylish.ts';
import type { ChunkedFormatter, Formatter } from './types.ts';

export type { ChunkedFormatter, FormatOptions, Formatter } from './types.ts';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit';

export const FORMATTERS: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
};

/** Each format in chunks, for printing or saving a large report: stylish writes its own, the others are one chunk. */
export const CHUNKED_FORMATTERS: Record<FormatName, ChunkedFormatter> = {
  stylish: formatStylishChunks,
  json: (results, options) => [formatJson(results, options)],
  sarif: (results, options) => [formatSarif(results, options)],
  junit: (results, options) => [formatJunit(results, options)],
};

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}
