import { expect, test } from 'vitest';
import { toCsv } from '../../runtime/designer-api/csv.ts';

test('CSV: quotes what needs quoting, leaves empty cells for null, and keeps spreadsheet formulas text', () => {
  expect(toCsv(['a', 'b', 'c'], [['plain', 3, null], ['with, comma', 'say "hi"', 'line\nbreak'], ['=1+1', '-2', '@cmd']])).toBe(
    'a,b,c\r\nplain,3,\r\n"with, comma","say ""hi""","line\nbreak"\r\n\'=1+1,\'-2,\'@cmd\r\n',
  );
  expect(toCsv(['only'], [])).toBe('only\r\n');
});
