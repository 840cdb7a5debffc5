/** The run-time measures a profile can name: taken from the store's calls, not from the flow. */
export const MEASURES = {
  attendedWithin180s: 'Share of calls attended by a person within 180 s of the call\'s start.',
  secondsToPersonP95FromStart: '95th percentile of the seconds from the call\'s start to a person answering.',
  secondsToPersonP95FromRequest: '95th percentile of the seconds from the caller asking for a person to a person answering.',
  lineDisconnectsWhileWaiting: 'Calls the line ended while the caller waited in a queue or for a transfer.',
} as const satisfies Record<string, string>;

export type MeasureId = keyof typeof MEASURES;

/** What a measure's figure counts. */
export type MeasureUnit = 'share' | 'seconds' | 'calls';

/** What each measure's figure counts, so a report can print it. */
export const MEASURE_UNITS: Readonly<Record<MeasureId, MeasureUnit>> = {
  attendedWithin180s: 'share',
  secondsToPersonP95FromStart: 'seconds',
  secondsToPersonP95FromRequest: 'seconds',
  lineDisconnectsWhileWaiting: 'calls',
};

/** A figure a requirement asks of a measure: the same measure can be judged differently by two texts. */
export interface MeasureThreshold {
  comparison: 'atLeast' | 'atMost';
  value: number;
  unit: MeasureUnit;
}

/** One measure over a period's calls: the figure, and how many calls it was taken from. */
export interface MeasuredValue {
  /** a share from 0 to 1, seconds, or a count of calls, by the measure; null when no call qualifies */
  value: number | null;
  /** the calls the figure is taken from (for a share, its denominator) */
  calls: number;
}

/** A flow's run-time evidence for a period, from the store: what `humanline report --data` adds. */
export interface MeasuredEvidence {
  flowId: string;
  /** ISO instants: `from` inclusive, `to` exclusive */
  from: string;
  to: string;
  /** every call of the flow that started in the period */
  calls: number;
  measures: Record<MeasureId, MeasuredValue>;
}
