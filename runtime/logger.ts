import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** Paths that must never reach a log line, whatever a caller passes along. */
const REDACT = [
  'authToken',
  'twilioAuthToken',
  'config.twilioAuthToken',
  'signature',
  'headers["x-twilio-signature"]',
  '*.authorization',
  // the browser call's API key secret and the access tokens it signs
  'apiKeySecret',
  'browserCall.apiKeySecret',
  'config.browserCall.apiKeySecret',
  'accessToken',
];

/**
 * Structured JSON logs; webhooks log through a child carrying the CallSid. By
 * default lines go to stdout in 4 KiB batches rather than one write per line
 * (two lines per webhook made writes a large share of a webhook's cost);
 * `flushLogger` empties the batch at shutdown.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'humanline' }, redact: { paths: REDACT, censor: '[redacted]' } };
  if (destination !== undefined) return pino(options, destination);
  const logger = pino(options, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
  // A quiet server still shows each line within a quarter of a second (a refused flow's report, say).
  // One flush at a time: under load a flush waits for stdout to drain, and one each tick piled up listeners.
  let flushing = false;
  setInterval(() => {
    if (flushing) return;
    flushing = true;
    logger.flush(() => (flushing = false));
  }, 250).unref();
  return logger;
}

/** Writes out buffered log lines (at shutdown, before the process exits). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
