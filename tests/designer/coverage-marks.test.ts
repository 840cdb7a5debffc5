import { describe, expect, it } from 'vitest';
import { getExits } from '../../core/nodes/registry.ts';
import { describeCoverage, keepExistingMarks, readCoverageReport, toCoverageMarks, type CoverageMarks } from '../../designer/src/model/coverage-marks.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';
import { createFilesStore } from '../../designer/src/stores/files-store.ts';
import { createCoverageReportText, createFlowCoverage, readShippedFlow } from '../helpers/coverage-report.ts';

// A coverage report of `humanline test` loaded in the designer: read at the edge with
// a clear refusal for any other file, and kept to the exits the edited flow still has.

const bank = readShippedFlow('bank');
const REPORT = createCoverageReportText(['bank'], 8);

function readMarks(text: string, flowId: string | null = 'bank'): CoverageMarks {
  const reading = readCoverageReport('report.json', text, flowId, bank);
  if (!reading.ok) throw new Error(reading.message);
  return reading.marks;
}

const refusalOf = (text: string, flowId: string | null = 'bank') => {
  const reading = readCoverageReport('report.json', text, flowId, bank);
  return reading.ok ? 'read' : reading.message;
};

describe('reading a coverage report', () => {
  it('marks exactly the exits and nodes the report lists, by the ids the canvas gives edges', () => {
    const coverage = createFlowCoverage('bank', 8);
    const marks = readMarks(REPORT);
    expect([...marks.uncoveredExits].sort()).toEqual(coverage.uncoveredEdges.map((edge) => `${edge.nodeId}:${edge.exitId}`).sort());
    expect(marks.uncoveredExits).toContain('cards_menu:options.3.next');
    expect(marks.uncoveredExits).not.toContain('main_menu:options.0.next');
    expect([...marks.uncoveredNodes]).toEqual(coverage.uncoveredNodes);
    expect(describeCoverage(marks)).toBe(`Tests walk ${coverage.edges.all.walked} of ${coverage.edges.all.total} exits (${Math.floor((coverage.edges.all.walked / coverage.edges.all.total) * 100)}%)`);
  });

  it('words the figure in whole percents that never round up to a full line', () => {
    const marks = (walked: number, total: number) => ({ ...readMarks(REPORT), edges: { walked, total } });
    expect(describeCoverage(marks(41, 52))).toBe('Tests walk 41 of 52 exits (78%)');
    expect(describeCoverage(marks(199, 200))).toBe('Tests walk 199 of 200 exits (99%)');
    expect(describeCoverage(marks(1, 1))).toBe('Tests walk 1 of 1 exit (100%)');
  });

  it('refuses any other file with what it is instead', () => {
    expect(refusalOf('{ "scenarios": [')).toMatch(/^report\.json is not JSON: invalid JSON at line 1/);
    expect(refusalOf(JSON.stringify(bank))).toBe('report.json is not a coverage report of humanline test: write one with `humanline test --coverage -f json -o report.json`');
    expect(refusalOf('[]')).toMatch(/^report\.json is not a coverage report of humanline test/);
    expect(refusalOf(JSON.stringify({ scenarios: [] }))).toMatch(/^report\.json has no coverage: it was written without --coverage/);
    const broken = JSON.parse(REPORT) as { coverage: Array<{ edges: { all: { walked: unknown } } }> };
    broken.coverage[0]!.edges.all.walked = 'many';
    expect(refusalOf(JSON.stringify(broken))).toBe('report.json is not a coverage report of humanline test: coverage.0.edges.all.walked: Invalid input: expected number, received string');
    expect(refusalOf('x'.repeat(32 * 1024 * 1024 + 1))).toBe('report.json is too large for a coverage report (over 32 MB)');
  });

  it('refuses a report of other flows, naming what it covers', () => {
    expect(refusalOf(createCoverageReportText(['clinic'], 2))).toBe('The report has no coverage for flow bank: it covers clinic');
    expect(refusalOf(createCoverageReportText(['clinic', 'multilingual'], 2))).toBe('The report has no coverage for flow bank: it covers clinic, multilingual');
    expect(refusalOf(JSON.stringify({ scenarios: [], coverage: [] }))).toBe('The report has no coverage for flow bank: it covers no flow');
    expect(refusalOf(REPORT, null)).toBe('Save this flow first: a coverage report names flows by their file name');
  });

  it('picks the open flow out of a report of several', () => {
    expect(readMarks(createCoverageReportText(['clinic', 'bank'], 8)).uncoveredExits).toEqual(readMarks(REPORT).uncoveredExits);
  });
});

describe('marks after edits', () => {
  it('drop an exit or a node the flow no longer has, and stay the same object when nothing went', () => {
    const marks = toCoverageMarks('report.json', createFlowCoverage('bank', 8));
    expect(keepExistingMarks(marks, bank)).toBe(marks);
    const cards = bank.nodes.cards_menu as Extract<(typeof bank.nodes)[string], { kind: 'menu' }>;
    const { loans_transfer: _removed, ...rest } = bank.nodes;
    const edited = { ...bank, nodes: { ...rest, cards_menu: { ...cards, options: cards.options.slice(0, 3) } } };
    const kept = keepExistingMarks(marks, edited);
    expect(kept.uncoveredExits).not.toContain('cards_menu:options.3.next');
    expect([...kept.uncoveredExits].some((id) => id.startsWith('loans_transfer:'))).toBe(false);
    expect(kept.uncoveredExits).toContain('cards_menu:options.2.next');
    expect(kept.uncoveredExits.size).toBe(marks.uncoveredExits.size - 1 - getExits(bank.nodes.loans_transfer!).filter((exit) => marks.uncoveredExits.has(`loans_transfer:${exit.id}`)).length);
    expect(kept.edges).toEqual(marks.edges);
  });

  it('in the stores: follow edits for good, and go when another flow is opened', () => {
    const designer = createDesignerStore();
    const files = createFilesStore(designer);
    expect(designer.getState().load('bank', bank)).toBe(true);
    files.getState().loadCoverageReport('report.json', REPORT);
    const loaded = files.getState().coverage!;
    expect(loaded.uncoveredExits).toContain('cards_menu:options.3.next');
    expect(files.getState().notice).toEqual({ kind: 'info', text: `Loaded report.json: ${loaded.uncoveredExits.size} exits no test walked are marked.` });

    designer.getState().moveNodes([{ id: 'greeting', position: { x: 5, y: 5 } }], { dragEnded: true });
    expect(files.getState().coverage).toBe(loaded);
    const cards = designer.getState().flow.nodes.cards_menu as Extract<(typeof bank.nodes)[string], { kind: 'menu' }>;
    expect(designer.getState().updateNode('cards_menu', { options: cards.options.slice(0, 3) })).toBe(true);
    expect(files.getState().coverage!.uncoveredExits).not.toContain('cards_menu:options.3.next');
    // the exit is back, but no report has said whether a test walks it now
    designer.getState().undo();
    expect(files.getState().coverage!.uncoveredExits).not.toContain('cards_menu:options.3.next');
    expect(files.getState().coverage!.uncoveredExits.size).toBe(loaded.uncoveredExits.size - 1);

    // renamed, the flow keeps its marks under its new file name
    designer.getState().setFlowId('retail-bank');
    expect(files.getState().coverage).toMatchObject({ flowId: 'retail-bank', uncoveredExits: files.getState().coverage!.uncoveredExits });

    designer.getState().load('clinic', readShippedFlow('clinic'));
    expect(files.getState().coverage).toBeNull();
  });

  it('in the stores: a refused file leaves the marks as they were and says why', () => {
    const designer = createDesignerStore();
    const files = createFilesStore(designer);
    designer.getState().load('bank', bank);
    files.getState().loadCoverageReport('report.json', REPORT);
    const loaded = files.getState().coverage;
    files.getState().loadCoverageReport('clinic.json', createCoverageReportText(['clinic'], 2));
    expect(files.getState().notice).toEqual({ kind: 'error', text: 'The report has no coverage for flow bank: it covers clinic' });
    expect(files.getState().coverage).toBe(loaded);
    files.getState().clearCoverage();
    expect(files.getState().coverage).toBeNull();
  });
});
