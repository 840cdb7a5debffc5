/** The run-time measures a profile can name: taken from the store's calls, not from the flow. */
export const MEASURES = {
  attendedWithin180s: 'Share of calls attended by a person within 180 s of the call\'s start.',
  secondsToPersonP95FromStart: '95th percentile of the seconds from the call\'s start to a person answering.',
  secondsToPersonP95FromRequest: '95th percentile of the seconds from the caller asking for a person to a person answering.',
  lineDisconnectsWhileWaiting: 'Calls the line ended while the caller waited in a queue or for a transfer.',
} as const satisfies Record<string, string>;

export type MeasureId = keyof typeof MEASURES;
