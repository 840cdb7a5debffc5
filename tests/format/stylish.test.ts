import { describe, expect, it } from 'vitest';
import { formatFindingRows, formatStylish, stripColors } from '../../core/format/stylish.ts';
import { allResults, brokenResult, cleanResult, trappedResult } from './fixtures.ts';
import { readGolden } from './golden.ts';

describe('stylish formatter', () => {
  it('prints files with problems, their counterexamples and a summary', () => {
    expect(formatStylish(allResults)).toBe(readGolden('stylish.txt'));
  });

  it('prints one line when every flow is clean', () => {
    expect(formatStylish([cleanResult, cleanResult])).toBe(readGolden('stylish-clean.txt'));
    expect(formatStylish([cleanResult])).toBe('✔ 1 flow checked, no problems\n');
  });

  it('has no escape codes unless asked for color', () => {
    expect(formatStylish(allResults)).not.toContain('\u001b[');
  });

  it('colors the same text when asked', () => {
    const colored = formatStylish(allResults, { color: true });
    expect(colored).toContain('\u001b[31merror');
    expect(stripColors(colored)).toBe(readGolden('stylish.txt'));
    expect(stripColors(formatStylish([cleanResult], { color: true }))).toBe('✔ 1 flow checked, no problems\n');
  });

  it('aligns the columns of one file', () => {
    const rows = formatFindingRows(trappedResult.findings).filter((line) => !line.startsWith('    '));
    const ruleColumns = rows.map((row, index) => row.indexOf(trappedResult.findings[index]!.ruleId));
    expect(new Set(ruleColumns).size).toBe(1);
  });

  it('locates schema findings by their JSON path', () => {
    expect(formatFindingRows(brokenResult.findings)[0]).toMatch(/^ {2}nodes\.main\.options\.0 {2}error/);
  });

  it('prints every finding of a huge imported export rather than overflowing the stack', () => {
    // a 100,000-state Studio export has about as many import and lint findings
    const count = 200_000;
    const findings = Array.from({ length: count }, (_, index) => ({ ...trappedResult.findings[1]!, nodeId: `node${index}` }));
    const report = formatStylish([{ ...trappedResult, findings, errorCount: 0, warningCount: count }]);
    expect(report).toContain(`  node${count - 1} `);
    expect(report.trimEnd().split('\n').at(-1)).toBe(`✖ ${count} problems (0 errors, ${count} warnings)`);
  });

  it('uses singular words for one problem', () => {
    expect(formatStylish([brokenResult]).trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings)');
  });
});
