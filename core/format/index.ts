import { formatJson, formatJsonChunks } from './json.ts';
import { formatJunit, formatJunitChunks } from './junit.ts';
import { formatSarif, formatSarifChunks } from './sarif.ts';
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

/** Each format in chunks, for printing or saving a large report: no string ever holds the whole report. */
export const CHUNKED_FORMATTERS: Record<FormatName, ChunkedFormatter> = {
  stylish: formatStylishChunks,
  json: formatJsonChunks,
  sarif: formatSarifChunks,
  junit: formatJunitChunks,
};

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}
