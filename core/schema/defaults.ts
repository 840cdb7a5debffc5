// Values a flow gets where its author left a field out (SPEC section 5 gives the sources).
export const DEFAULTS = {
  maxSteps: 3,
  language: 'en-US',
  /** Twilio's <Gather> default */
  inputTimeoutSeconds: 5,
  retries: 2,
  /** Twilio's <Dial> default */
  dialTimeoutSeconds: 30,
  httpTimeoutSeconds: 5,
  /** Seconds of hold between a queue's announcements, when `announce.everySeconds` is left out */
  queueAnnounceSeconds: 60,
  /** Speech rate used to estimate prompt length */
  wordsPerSecond: 2.5,
} as const;
