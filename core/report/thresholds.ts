import type { MeasureId } from '../profiles/measures.ts';
import type { MeasureThreshold } from './types.ts';

/**
 * What a requirement asks of a measure, by requirement id then measure id: the same measure can be judged
 * differently by two texts (CA-2 wants p95 from the request within 300 s, ES-1 sets no figure).
 * Kept here until the profiles carry their thresholds.
 */
export const MEASURE_THRESHOLDS: Readonly<Record<string, Partial<Record<MeasureId, MeasureThreshold>>>> = {
  'ES-3': { lineDisconnectsWhileWaiting: { comparison: 'atMost', value: 0, unit: 'calls' } },
  'ES-4': { attendedWithin180s: { comparison: 'atLeast', value: 0.95, unit: 'share' } },
  'CA-2': { secondsToPersonP95FromRequest: { comparison: 'atMost', value: 300, unit: 'seconds' } },
};

/** What each measure's figure counts, so a report can print it. */
export const MEASURE_UNITS: Readonly<Record<MeasureId, MeasureThreshold['unit']>> = {
  attendedWithin180s: 'share',
  secondsToPersonP95FromStart: 'seconds',
  secondsToPersonP95FromRequest: 'seconds',
  lineDisconnectsWhileWaiting: 'calls',
};

export function getMeasureThreshold(requirementId: string, measureId: MeasureId): MeasureThreshold | null {
  return MEASURE_THRESHOLDS[requirementId]?.[measureId] ?? null;
}
