import { toWords } from '../graph/path.ts';
import type { RuleProof } from '../lint/rule.ts';
import { countOf } from '../format/words.ts';
import { MEASURE_UNITS } from '../profiles/measures.ts';
import type { FlowReport, MeasureEvidence, MeasureThreshold, RequirementStatus, RuleEvidence } from './types.ts';

// How the report's verdicts and figures read, shared by the Markdown and the HTML formats.

export const STATUS_WORDS: Record<RequirementStatus, string> = {
  holds: 'Holds',
  fails: 'Fails',
  'cannot-check': 'Cannot be checked',
};

export const VERDICT_WORDS: Record<MeasureEvidence['verdict'], string> = {
  meets: 'meets the threshold',
  misses: 'misses the threshold',
  'no-threshold': 'no threshold set',
  'not-measured': 'not measured',
};

/** `error` or `error, maxSeconds 180`. */
export function describeSetting(rule: RuleEvidence): string {
  const options = Object.entries(rule.options ?? {}).map(([name, value]) => `${name} ${JSON.stringify(value)}`);
  return [rule.severity, ...options].join(', ');
}

/** `148 s (limit 180 s), attained from main: main --press 0--> agent (person)`. */
export function describeProof(proof: RuleProof): string {
  const amount = (value: number) => (proof.unit === 'seconds' ? `${value} s` : countOf(value, 'step'));
  const route = proof.path ? `: ${toWords(proof.path)}` : '';
  return `${amount(proof.bound)} (limit ${amount(proof.limit)}), attained from ${proof.nodeId}${route}`;
}

function describeFigure(value: number, unit: MeasureThreshold['unit']): string {
  if (unit === 'share') return `${Math.round(value * 1000) / 10} %`;
  if (unit === 'seconds') return `${Math.round(value)} s`;
  return countOf(value, 'call');
}

/** `at least 95 %`, `at most 300 s`. */
export function describeThreshold(threshold: MeasureThreshold): string {
  return `${threshold.comparison === 'atLeast' ? 'at least' : 'at most'} ${describeFigure(threshold.value, threshold.unit)}`;
}

/** `Measured from … to …: 12 calls.`, or `…: no calls in the period.` */
export function describePeriod(period: NonNullable<FlowReport['period']>): string {
  return `Measured from ${period.from} to ${period.to}: ${period.calls === 0 ? 'no calls in the period' : countOf(period.calls, 'call')}.`;
}

/**
 * `96.5 % over 200 calls (threshold at least 95 %): meets the threshold`; `not measured` when no data was given;
 * why not when the period has no call the measure counts.
 */
export function describeMeasure(measure: MeasureEvidence, period: FlowReport['period']): string {
  const threshold = measure.threshold ? ` (threshold ${describeThreshold(measure.threshold)})` : '';
  if (measure.value === null) {
    let why = '';
    if (period !== null && period.calls === 0) why = 'no calls in the period: ';
    else if (period !== null) why = `none of the period's ${countOf(period.calls, 'call')} counts for it: `;
    return `${why}${VERDICT_WORDS['not-measured']}${threshold}`;
  }
  const figure = `${describeFigure(measure.value, MEASURE_UNITS[measure.measureId])} over ${countOf(measure.calls ?? 0, 'call')}`;
  return `${figure}${threshold}: ${VERDICT_WORDS[measure.verdict]}`;
}
