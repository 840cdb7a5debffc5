import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffFlows, hasNewErrors, isEmptyDiff } from '../../core/diff/diff-flows.ts';
import { toFieldWords } from '../../core/diff/field-changes.ts';
import type { Flow } from '../../core/schema/flow.ts';

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;

/** The bank line as a pull request would change it: a notice before the menu, one retry less, the loan desk's busy route dropped. */
function toChangedBank(): Flow {
  const flow = structuredClone(bank);
  const nodes = flow.nodes as Record<string, any>;
  nodes.greeting.next = 'rates_notice';
  nodes.rates_notice = { kind: 'say', label: 'Rates notice', prompt: 'Our mortgage rates changed.', next: 'main_menu' };
  nodes.main_menu.noMatch.retries = 1;
  delete nodes.loans_transfer.on.busy;
  return flow;
}

describe('diffFlows', () => {
  it('says what callers meet differently', () => {
    const diff = diffFlows(bank, toChangedBank());
    expect(diff.nodes.added).toEqual([{ nodeId: 'rates_notice', kind: 'say', label: 'Rates notice' }]);
    expect(diff.nodes.removed).toEqual([]);
    expect(diff.nodes.changed).toEqual([
      { nodeId: 'main_menu', kind: 'menu', label: 'Main menu', fields: [{ field: 'noMatch.retries', words: 'no match retries', before: '2', after: '1' }] },
    ]);
    expect(diff.routes).toEqual({
      added: [{ nodeId: 'rates_notice', exit: 'next', target: 'main_menu' }],
      removed: [{ nodeId: 'loans_transfer', exit: 'busy', target: 'agent_queue' }],
      changed: [{ nodeId: 'greeting', exit: 'next', before: 'main_menu', after: 'rates_notice' }],
    });
    // the loan desk no longer guarantees a person or a follow-up when its line is busy
    expect(diff.reach.find((change) => change.nodeId === 'loans_transfer')).toMatchObject({
      before: { best: 0, worst: 0 },
      after: { best: 0, worst: null, seconds: null },
    });
    expect(diff.findings.appeared.map((finding) => [finding.ruleId, finding.nodeId, finding.severity])).toEqual([
      ['dead-end', 'loans_transfer', 'error'],
      ['failure-branch', 'loans_transfer', 'warning'],
    ]);
    expect(diff.findings.cleared).toEqual([]);
    expect(diff.verdict.before).toEqual({ errorCount: 0, warningCount: 0, maxSteps: 3, text: 'Every caller reaches a person within 3 steps' });
    expect(diff.verdict.after.text).toBe('1 error breaks the guarantee (1 warning)');
    expect(hasNewErrors(diff)).toBe(true);
  });

  it('clears the findings a fix removes, and a fix adds no new error', () => {
    const diff = diffFlows(toChangedBank(), bank);
    expect(diff.findings.cleared.map((finding) => finding.ruleId)).toEqual(['dead-end', 'failure-branch']);
    expect(diff.findings.appeared).toEqual([]);
    expect(hasNewErrors(diff)).toBe(false);
  });

  it('names routes by what the caller does: reordering a menu\'s options changes nothing for callers', () => {
    const reordered = structuredClone(bank);
    const menu = reordered.nodes.main_menu as Extract<Flow['nodes'][string], { kind: 'menu' }>;
    menu.options.reverse();
    const diff = diffFlows(bank, reordered);
    expect(diff.routes).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.reach).toEqual([]);
    expect(diff.findings).toEqual({ appeared: [], cleared: [] });
  });

  it('reports a setting of the flow and keeps a long prompt to a line', () => {
    const changed = structuredClone(bank);
    changed.settings = { ...changed.settings, maxSteps: 2 };
    (changed.nodes.greeting as { prompt: string }).prompt = 'Welcome. '.repeat(40);
    const diff = diffFlows(bank, changed);
    expect(diff.flow).toEqual([{ field: 'settings.maxSteps', words: 'settings max steps', before: '3', after: '2' }]);
    const prompt = diff.nodes.changed[0]!.fields[0]!;
    expect(prompt.field).toBe('prompt');
    expect(prompt.after!.length).toBeLessThanOrEqual(80);
    expect(prompt.after!.endsWith('…')).toBe(true);
    expect(diff.verdict.after.maxSteps).toBe(2);
  });

  it('finds nothing for callers where only the layout changed: cards moved, the view scrolled', () => {
    const moved = structuredClone(bank);
    const positions = moved.ui!.positions!;
    positions.greeting = { x: positions.greeting!.x + 100, y: positions.greeting!.y };
    positions.main_menu = { x: positions.main_menu!.x, y: positions.main_menu!.y + 40 };
    moved.ui!.viewport = { x: 10, y: 20, zoom: 0.5 };
    const diff = diffFlows(bank, moved);
    expect(diff.flow).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(true);
    // without any layout at all, too
    const { ui: _ui, ...unplaced } = structuredClone(bank);
    expect(isEmptyDiff(diffFlows(bank, unplaced as Flow))).toBe(true);
  });

  it('finds nothing between the bank line and a copy of it', () => {
    expect(isEmptyDiff(diffFlows(bank, structuredClone(bank)))).toBe(true);
  });

  it('puts field paths in words', () => {
    expect(toFieldWords('noInput.retries')).toBe('no input retries');
    expect(toFieldWords('options.1.phrases')).toBe('option 2 phrases');
    expect(toFieldWords('request.headers.X-Api-Key')).toBe('request headers X-Api-Key');
  });
});
