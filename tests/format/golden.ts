import { readFileSync } from 'node:fs';

/** The expected output kept in tests/format/golden/, compared byte for byte. */
export function readGolden(name: string): string {
  return readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');
}
