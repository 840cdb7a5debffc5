import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/lint/types.ts';
import { formatFindingRows, formatStylish, formatStylishChunks, stripColors } from '../../core/format/stylish.ts';
import { allResults, brokenResult, cleanResult, lineResult, trappedResult } from './fixtures.ts';
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

  it('wraps a long message instead of padding every short one to its width', () => {
    const longMessage = `Imported Studio widget "gather_account" ${'asks for digits and then goes on to a split whose branches '.repeat(5)}end`;
    const findings: Finding[] = [
      { ruleId: 'dead-end', messageId: 'deadEnd', severity: 'error', message: longMessage, nodeId: 'gather_account' },
      { ruleId: 'menu-options', messageId: 'tooManyOptions', severity: 'warning', message: 'Menu "m" has 6 options', nodeId: 'm' },
    ];
    const lines = formatFindingRows(findings);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    // the rule id stays on the message's first line, in one column for every row
    const ruleRows = lines.filter((line) => /(dead-end|menu-options)$/.test(line));
    expect(ruleRows).toHaveLength(2);
    expect(new Set(ruleRows.map((line) => line.search(/(dead-end|menu-options)$/))).size).toBe(1);
    expect(ruleRows[0]).toMatch(/^ {2}gather_account {2}error {4}Imported Studio widget/);
    // the continuation lines start under the message column and hold the rest of the message, word for word
    const messageColumn = ruleRows[0]!.indexOf('Imported');
    const continuation = lines.slice(1, lines.indexOf(ruleRows[1]!));
    expect(continuation.length).toBeGreaterThan(0);
    for (const line of continuation) expect(line.slice(0, messageColumn).trim()).toBe('');
    const rebuilt = [ruleRows[0]!.slice(messageColumn).replace(/\s+dead-end$/, ''), ...continuation.map((line) => line.trim())].join(' ');
    expect(rebuilt).toBe(longMessage.replace(/\s+/g, ' '));
  });

  it('keeps a word longer than the column whole', () => {
    const nodeId = `node_${'x'.repeat(150)}`;
    const findings: Finding[] = [{ ruleId: 'dead-end', messageId: 'deadEnd', severity: 'error', message: `Step "${nodeId}" has no way on`, nodeId: 'n' }];
    const text = formatFindingRows(findings).join('\n');
    expect(text).toContain(`"${nodeId}"`);
    expect(text).toContain('dead-end');
  });

  it('lets a word longer than the column overflow its own line, not widen the column for every row', () => {
    // a Connect TransferToFlow names its flow by an ARN of 130 characters
    const arn = 'arn:aws:connect:ap-southeast-1:117134819170:instance/d107e08d-4a9e-406f-9a20-60d05a4f33ea/contact-flow/e273d7b6-3f7c-4906-9d9d-09b07117ea0f';
    const findings: Finding[] = [
      { ruleId: 'import', severity: 'warning', message: `TransferToFlow hands the call to flow "${arn}", which is not among the files imported with this one`, nodeId: 'to_billing' },
      { ruleId: 'menu-options', messageId: 'tooManyOptions', severity: 'warning', message: 'This menu has 7 options, more than 5.', nodeId: 'main' },
    ];
    const lines = formatFindingRows(findings);
    const ruleRows = lines.filter((line) => /(import|menu-options)$/.test(line));
    expect(ruleRows).toHaveLength(2);
    // both rule ids in one column, no further right than the longest line a wrapped message can have
    const ruleColumns = new Set(ruleRows.map((line) => line.search(/(import|menu-options)$/)));
    expect(ruleColumns.size).toBe(1);
    const messageColumn = ruleRows[0]!.indexOf('TransferToFlow');
    expect([...ruleColumns][0]).toBeLessThanOrEqual(messageColumn + 72 + 2);
    // the ARN is whole on a line of its own, under the message column
    expect(lines).toContain(`${' '.repeat(messageColumn)}"${arn}",`);
  });

  it('prints every finding of a huge imported export rather than overflowing the stack', () => {
    // a 100,000-state Studio export has about as many import and lint findings
    const count = 200_000;
    const findings = Array.from({ length: count }, (_, index) => ({ ...trappedResult.findings[1]!, nodeId: `node${index}` }));
    const report = formatStylish([{ ...trappedResult, findings, errorCount: 0, warningCount: count }]);
    expect(report).toContain(`  node${count - 1} `);
    expect(report.trimEnd().split('\n').at(-1)).toBe(`✖ ${count} problems (0 errors, ${count} warnings)`);
  });

  it('hands a long report out in chunks that make the very same text', () => {
    const count = 2_000;
    const findings = Array.from({ length: count }, (_, index) => ({ ...trappedResult.findings[0]!, nodeId: `node${index}` }));
    const results = [{ ...trappedResult, findings, errorCount: count, warningCount: 0 }, cleanResult, trappedResult];
    for (const color of [false, true]) {
      const chunks: string[] = [];
      formatStylishChunks(results, { color }, (chunk) => chunks.push(chunk));
      expect(chunks.length).toBeGreaterThan(4);
      expect(chunks.join('')).toBe(formatStylish(results, { color }));
    }
    expect(formatStylish(results)).toContain(`  node${count - 1} `);
  });

  it('shortens a long counterexample to its first and last steps, saying how many it leaves out', () => {
    const steps = Array.from({ length: 40 }, (_, index) => ({ nodeId: `copy${index}`, exit: 'closed', exitId: 'next' }));
    const findings: Finding[] = [
      { ruleId: 'dead-end', messageId: 'deadEnd', severity: 'error', message: 'Step "copy39" hangs up', nodeId: 'copy39', path: { steps, callerSteps: 0, end: 'hangup' } },
    ];
    const pathLine = formatFindingRows(findings).find((line) => line.trimStart().startsWith('path:'))!;
    expect(pathLine).toBe(
      `    path: copy0 --closed--> copy1 --closed--> copy2 --closed--> … 29 steps … ${steps.slice(-8).map((step) => `${step.nodeId} --closed-->`).join(' ')} (hang up)`,
    );
    // a path of twelve steps is printed whole
    const short = { ...findings[0]!, path: { steps: steps.slice(0, 12), callerSteps: 0, end: 'hangup' as const } };
    expect(formatFindingRows([short]).find((line) => line.trimStart().startsWith('path:'))).toBe(
      `    path: ${steps.slice(0, 12).map((step) => `${step.nodeId} --closed-->`).join(' ')} (hang up)`,
    );
  });

  it('uses singular words for one problem', () => {
    expect(formatStylish([brokenResult]).trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings)');
  });
});

describe('stylish formatter: a counterexample crossing files', () => {
  it('names each step with its file', () => {
    expect(formatStylish([lineResult])).toContain('path: flows/entry.json:main --press 1--> flows/entry.json:to-brand --to flow brand--> flows/brand.json:hours --next--> flows/brand.json:bye (hang up)');
  });
});
