import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';
import { createUiStore } from '../../designer/src/stores/ui-store.ts';
import { createComplianceReporter, getFindingFocus, getShownProfileIds, toComplianceFileName, toComplianceHtml } from '../../designer/src/model/compliance.ts';

// The Compliance panel's report: the one `humanline report` makes, for the flow on the canvas.

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;
const getFlowCompliance = createComplianceReporter();
const ALL = ['humanline:es-ley-10-2025', 'humanline:gethuman', 'humanline:us-ca-ab-1609-draft'];

const withoutBargeIn = (): Flow => {
  const flow = structuredClone(bank);
  (flow.nodes.main_menu as { bargeIn?: boolean }).bargeIn = false;
  return flow;
};

describe('the profiles the panel shows', () => {
  it('shows every shipped profile for a flow that extends none, the flow\'s own when it does, the user\'s choice above both', () => {
    expect(getShownProfileIds(bank, null)).toEqual(ALL);
    expect(getShownProfileIds({ ...bank, extends: ['humanline:gethuman'] }, null)).toEqual(['humanline:gethuman']);
    expect(getShownProfileIds({ ...bank, extends: ['humanline:gethuman'] }, ['humanline:es-ley-10-2025'])).toEqual(['humanline:es-ley-10-2025']);
    expect(getShownProfileIds(bank, [])).toEqual([]);
  });
});

describe('the live report', () => {
  it('judges the shipped bank line: nothing fails under GetHuman and Ley 10/2025', () => {
    const report = getFlowCompliance('bank', bank, ALL, null);
    expect(report.profiles.map((profile) => profile.id)).toEqual(ALL);
    for (const profile of report.profiles) expect(profile.counts.fails, profile.id).toBe(0);
  });

  it('turns GH-7 to fails with the finding at the main menu as soon as barge-in is set off', () => {
    const report = getFlowCompliance('bank', withoutBargeIn(), ['humanline:gethuman'], null);
    const requirement = report.profiles[0]!.requirements.find((candidate) => candidate.id === 'GH-7')!;
    expect(requirement.status).toBe('fails');
    expect(requirement.nodes.map((node) => node.id)).toContain('main_menu');
    const finding = requirement.rules.flatMap((rule) => rule.findings)[0]!;
    expect(finding.message).toMatch(/bargeIn/);
    expect(getFindingFocus(finding).nodeIds).toEqual(['main_menu']);
  });

  it('reuses the report for the same flow and for a drag, and makes a new one after an edit', () => {
    const getReport = createComplianceReporter();
    const first = getReport('bank', bank, ALL, null);
    expect(getReport('bank', bank, ALL, null)).toBe(first);
    const dragged: Flow = { ...bank, ui: { ...bank.ui, positions: { ...bank.ui?.positions, greeting: { x: 999, y: 999 } } } };
    expect(getReport('bank', dragged, ALL, null)).toBe(first);
    expect(createComplianceReporter()('bank', bank, ALL, null)).not.toBe(first);
    expect(getReport('bank', withoutBargeIn(), ALL, null)).not.toBe(first);
    expect(getReport('bank', bank, ['humanline:gethuman'], null).profiles).toHaveLength(1);
  });

  it('shows the measured figures when the runtime has calls, and "not measured" without them', () => {
    const measured: MeasuredEvidence = {
      flowId: 'bank',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      calls: 40,
      measures: {
        attendedWithin180s: { value: 0.5, calls: 40 },
        secondsToPersonP95FromStart: { value: 400, calls: 20 },
        secondsToPersonP95FromRequest: { value: 300, calls: 20 },
        lineDisconnectsWhileWaiting: { value: 0, calls: 40 },
      },
    };
    const unmeasured = getFlowCompliance('bank', bank, ['humanline:es-ley-10-2025'], null);
    const attendedBefore = unmeasured.profiles[0]!.requirements.flatMap((requirement) => requirement.measures).find((measure) => measure.measureId === 'attendedWithin180s')!;
    expect(attendedBefore.verdict).toBe('not-measured');
    const report = getFlowCompliance('bank', bank, ['humanline:es-ley-10-2025'], measured);
    expect(report.period).toEqual({ from: measured.from, to: measured.to, calls: 40 });
    const attended = report.profiles[0]!.requirements.find((requirement) => requirement.measures.some((measure) => measure.measureId === 'attendedWithin180s'))!;
    expect(attended.measures.find((measure) => measure.measureId === 'attendedWithin180s')).toMatchObject({ value: 0.5, verdict: 'misses' });
    expect(attended.status).toBe('fails');
  });
});

describe('the downloaded report', () => {
  it('is the HTML report of this flow naming every requirement shown, in a file named after the flow', () => {
    const report = getFlowCompliance('bank', bank, ALL, null);
    const html = toComplianceHtml(report, '2026-11-30T10:00:00.000Z');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const requirement of report.profiles.flatMap((profile) => profile.requirements)) expect(html).toContain(`data-requirement="${requirement.id}"`);
    expect(toComplianceFileName('bank')).toBe('bank-compliance.html');
    expect(toComplianceFileName(null)).toBe('untitled-compliance.html');
  });
});

describe('what the panel asks of the stores', () => {
  it('selects a finding\'s node and highlights its route, leaving out nodes the flow no longer has', () => {
    const store = createDesignerStore({ flowId: 'bank', flow: bank });
    store.getState().highlight(['main_menu', 'gone'], ['greeting', 'main_menu', 'gone']);
    expect(store.getState().selection).toEqual({ nodeIds: ['main_menu'], edgeIds: [] });
    expect(store.getState().highlightedPath).toEqual(['greeting', 'main_menu']);
  });

  it('remembers the profiles chosen for the session, none chosen until then', () => {
    const ui = createUiStore();
    expect(ui.getState().complianceProfiles).toBeNull();
    ui.getState().chooseComplianceProfiles(['humanline:gethuman']);
    ui.getState().showPanel('history');
    expect(ui.getState().complianceProfiles).toEqual(['humanline:gethuman']);
  });
});
