import { describe, expect, it } from 'vitest';
import { formatReportJson } from '../../core/format/report-json.ts';
import { PROFILES } from '../../core/profiles/index.ts';
import { MEASURE_UNITS, type MeasuredEvidence, type MeasureId } from '../../core/profiles/measures.ts';
import { hasFailingRequirement } from '../../core/report/build.ts';
import { describeProof } from '../../core/report/words.ts';
import { FAILING_CASES, slowLine } from './failing-flows.ts';
import { buildReport, readGolden, readShippedSources } from './shipped.ts';

const PROFILE_IDS = ['humanline:gethuman', 'humanline:es-ley-10-2025'];

const fixtureSource = (index: number) => {
  const fixture = FAILING_CASES[index]!;
  return { file: `${fixture.requirementId}.json`, flowId: fixture.requirementId.toLowerCase(), flow: fixture.flow };
};

describe('the compliance report', () => {
  it('matches the golden report for the shipped examples under GetHuman and Spain\'s law', () => {
    const report = buildReport(readShippedSources(), PROFILE_IDS);
    expect(formatReportJson(report)).toBe(readGolden('shipped.json', formatReportJson(report)));
  });

  it('finds every shipped example compliant: each requirement holds or cannot be checked, and says what it cannot check', () => {
    const report = buildReport(readShippedSources(), PROFILES.map((profile) => profile.id));
    expect(hasFailingRequirement(report)).toBe(false);
    const bank = report.flows.find((flow) => flow.flowId === 'bank')!;
    const gethuman = bank.profiles.find((profile) => profile.id === 'humanline:gethuman')!;
    expect(gethuman.requirements.find((r) => r.id === 'GH-10')).toMatchObject({ status: 'cannot-check', rules: [], cannotCheck: expect.stringContaining('outside the flow') });
    expect(gethuman.requirements.find((r) => r.id === 'GH-3')).toMatchObject({ status: 'holds', cannotCheck: expect.stringContaining('whisper') });
    expect(gethuman.requirements.find((r) => r.id === 'GH-2')).toMatchObject({ status: 'holds', cannotCheck: expect.stringContaining('estimate is accurate') });
    expect(gethuman.counts).toEqual({ holds: 9, fails: 0, cannotCheck: 1 });
  });

  it.each(FAILING_CASES.map((fixture, index) => [fixture.requirementId, index] as const))('matches the golden report for the flow that fails %s', (requirementId, index) => {
    const text = formatReportJson(buildReport([fixtureSource(index)], [FAILING_CASES[index]!.profileId]));
    expect(text).toBe(readGolden(`fails-${requirementId}.json`, text));
  });

  it.each(FAILING_CASES.map((fixture, index) => [fixture.requirementId, fixture.ruleId, index] as const))(
    '%s fails on a flow that breaks %s, naming the rule, the node and the path',
    (requirementId, ruleId, index) => {
      const fixture = FAILING_CASES[index]!;
      const report = buildReport([fixtureSource(index)], [fixture.profileId]);
      expect(hasFailingRequirement(report)).toBe(true);
      const requirement = report.flows[0]!.profiles[0]!.requirements.find((r) => r.id === requirementId)!;
      expect(requirement.status).toBe('fails');
      const evidence = requirement.rules.find((rule) => rule.ruleId === ruleId)!;
      expect(evidence.status).toBe('fails');
      expect(evidence.findings[0]!.nodeId).toBe(fixture.nodeId);
      expect(requirement.nodes.map((node) => node.id)).toContain(fixture.nodeId);
    },
  );

  it('gives the counterexample path from the entry when a step budget fails', () => {
    const report = buildReport([fixtureSource(FAILING_CASES.findIndex((f) => f.requirementId === 'ES-1'))], ['humanline:es-ley-10-2025']);
    const finding = report.flows[0]!.profiles[0]!.requirements[0]!.rules.find((rule) => rule.ruleId === 'steps-to-human')!.findings[0]!;
    expect(finding.path?.steps.map((step) => step.nodeId)).toEqual(['one', 'two', 'three', 'four', 'agent']);
    expect(finding.path?.end).toBe('person');
  });

  it('judges one rule at each profile\'s own options: 200 s to a person fails Spain\'s 180 s and holds under the California draft\'s 300 s', () => {
    const report = buildReport([{ file: 'slow.json', flowId: 'slow', flow: slowLine(200) }], ['humanline:es-ley-10-2025', 'humanline:us-ca-ab-1609-draft']);
    const [spain, california] = report.flows[0]!.profiles;
    const es4 = spain!.requirements.find((r) => r.id === 'ES-4')!;
    const ca2 = california!.requirements.find((r) => r.id === 'CA-2')!;
    expect(es4.status).toBe('fails');
    expect(es4.rules[0]).toMatchObject({ ruleId: 'seconds-to-person', options: { from: 'anywhere', maxSeconds: 180 } });
    expect(es4.rules[0]!.findings[0]!.message).toContain('the budget is 180 s');
    expect(ca2.status).toBe('holds');
    expect(ca2.rules[0]).toMatchObject({ ruleId: 'seconds-to-person', options: { from: 'request', maxSeconds: 300 }, findings: [] });
  });

  it('judges a requirement at the profile\'s settings, whatever the flow\'s own rules say', () => {
    const fixture = FAILING_CASES.find((f) => f.requirementId === 'GH-1')!;
    const flow = { ...fixture.flow, rules: { 'operator-key': 'off' as const } };
    const report = buildReport([{ file: 'x.json', flowId: 'x', flow }], ['humanline:gethuman']);
    expect(report.flows[0]!.profiles[0]!.requirements.find((r) => r.id === 'GH-1')!.status).toBe('fails');
  });

  it('adds measured evidence with a verdict against the requirement\'s threshold, and "not measured" without data', () => {
    const measured: MeasuredEvidence = {
      flowId: 'bank',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      calls: 200,
      measures: {
        attendedWithin180s: { value: 0.9, calls: 200 },
        secondsToPersonP95FromStart: { value: 170, calls: 180 },
        secondsToPersonP95FromRequest: { value: 120, calls: 150 },
        lineDisconnectsWhileWaiting: { value: 0, calls: 200 },
      },
    };
    const sources = readShippedSources().filter((source) => source.flowId === 'bank' || source.flowId === 'clinic');
    const report = buildReport(sources, ['humanline:es-ley-10-2025'], new Map([['bank', measured]]));
    const [bank, clinic] = report.flows;
    expect(bank!.period).toEqual({ from: measured.from, to: measured.to, calls: 200 });
    const es4 = bank!.profiles[0]!.requirements.find((r) => r.id === 'ES-4')!;
    expect(es4.status).toBe('fails');
    expect(es4.measures.map((m) => [m.measureId, m.value, m.verdict])).toEqual([
      ['attendedWithin180s', 0.9, 'misses'],
      ['secondsToPersonP95FromStart', 170, 'no-threshold'],
    ]);
    expect(bank!.profiles[0]!.requirements.find((r) => r.id === 'ES-3')!.measures[0]).toMatchObject({ verdict: 'meets', value: 0 });
    expect(clinic!.period).toBeNull();
    expect(clinic!.profiles[0]!.requirements.find((r) => r.id === 'ES-4')!.measures.map((m) => m.verdict)).toEqual(['not-measured', 'not-measured']);
  });

  it('takes each threshold from the profile: on a measure the requirement lists, in that measure\'s unit', () => {
    const thresholds = PROFILES.flatMap((profile) =>
      profile.requirements.flatMap((requirement) =>
        Object.entries(requirement.thresholds ?? {}).map(([measureId, threshold]) => {
          expect(requirement.measures).toContain(measureId);
          expect(threshold!.unit).toBe(MEASURE_UNITS[measureId as MeasureId]);
          return `${requirement.id} ${measureId} ${threshold!.comparison} ${threshold!.value}`;
        }),
      ),
    );
    expect(thresholds.sort()).toEqual(['CA-2 secondsToPersonP95FromRequest atMost 300', 'ES-3 lineDisconnectsWhileWaiting atMost 0', 'ES-4 attendedWithin180s atLeast 0.95']);
  });

  it('reports a file that is not a flow with its problems and no verdicts', () => {
    const report = buildReport([{ file: 'broken.json', flowId: 'broken', problems: [{ ruleId: 'schema', severity: 'error', message: 'bad' }] }], PROFILE_IDS);
    expect(report.flows[0]).toMatchObject({ flowName: null, profiles: [], problems: [{ ruleId: 'schema' }] });
  });
});

describe('the proven bounds', () => {
  it('show, for a requirement that holds, the bound with its limit and the route that attains it', () => {
    const report = buildReport(readShippedSources().filter((source) => source.flowId === 'bank'), ['humanline:es-ley-10-2025']);
    const requirements = report.flows[0]!.profiles[0]!.requirements;
    const seconds = requirements.find((r) => r.id === 'ES-4')!.rules[0]!;
    expect(seconds).toMatchObject({ ruleId: 'seconds-to-person', status: 'holds', proof: { unit: 'seconds', limit: 180 } });
    expect(seconds.proof!.bound).toBeLessThanOrEqual(180);
    const bank = readShippedSources().find((source) => source.flowId === 'bank')!;
    // a route from the entry, as counterexamples are
    expect(seconds.proof!.path!.steps[0]!.nodeId).toBe('flow' in bank ? bank.flow.entry : null);
    expect(seconds.proof!.path!.steps.map((step) => step.nodeId)).toContain(seconds.proof!.nodeId);
    const steps = requirements.find((r) => r.id === 'ES-1')!.rules.find((rule) => rule.ruleId === 'steps-to-human')!;
    expect(steps.proof).toMatchObject({ unit: 'steps', limit: 3 });
    expect(steps.proof!.bound).toBeLessThanOrEqual(3);
    expect(['person', 'followUp']).toContain(steps.proof!.path!.end);
    expect(requirements.find((r) => r.id === 'ES-1')!.nodes.map((node) => node.id)).toContain(steps.proof!.nodeId);
  });

  it('read as a person says them: one step, not "1 steps"', () => {
    expect(describeProof({ bound: 1, limit: 3, unit: 'steps', nodeId: 'main' })).toBe('1 step (limit 3 steps), attained from main');
    expect(describeProof({ bound: 148, limit: 180, unit: 'seconds', nodeId: 'main' })).toBe('148 s (limit 180 s), attained from main');
  });
});
