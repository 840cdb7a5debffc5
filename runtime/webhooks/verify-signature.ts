import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';
import type { RuntimeConfig } from '../config.ts';
import { getRequestLog } from './request-log.ts';

export const LOCAL_MODE_REFUSAL =
  'humanline is running in local mode (no TWILIO_AUTH_TOKEN): Twilio webhooks are refused. Set TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL to take calls.\n';

/**
 * Checks X-Twilio-Signature against PUBLIC_BASE_URL + the path and query as
 * received: never rebuilt from Host or X-Forwarded-* headers, which proxies
 * (and attackers) change.
 */
/**
 * The URL exactly as configured is what Twilio signs, so it is tried first
 * with one HMAC; only a mismatch falls back to validateRequest, which tries
 * the URL's other forms (port added or removed, escaped) at several HMACs each.
 */
function isSignedBy(authToken: string, signature: string, url: string, params: Record<string, unknown>): boolean {
  const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** Twilio requests a path (origin form); an absolute URL or `*` as the request target is not Twilio. */
function isOriginForm(target: string): boolean {
  return target.startsWith('/') && !target.startsWith('//');
}

/** Fails closed: a request whose check throws (a URL that does not parse, odd parameters) is refused like an unsigned one. */
export function createSignatureCheck(config: RuntimeConfig): RequestHandler {
  return (req, res, next) => {
    if (config.twilioAuthToken === undefined || config.publicBaseUrl === undefined) {
      res.status(403).type('text/plain').send(LOCAL_MODE_REFUSAL);
      return;
    }
    const signature = req.get('X-Twilio-Signature');
    const target = req.originalUrl;
    const url = `${config.publicBaseUrl}${target}`;
    const params = (req.body ?? {}) as Record<string, unknown>;
    let signed = false;
    try {
      signed = signature !== undefined && signature !== '' && isOriginForm(target) && isSignedBy(config.twilioAuthToken, signature, url, params);
    } catch (error) {
      getRequestLog(res).warn({ err: error }, 'webhook refused: the signature check failed');
    }
    if (!signed) {
      // the path only: an absolute-form target is the attacker's text, and a query may carry a caller's number
      getRequestLog(res).warn({ path: req.path, signed: signature !== undefined }, 'webhook refused: bad or missing X-Twilio-Signature');
      res.status(403).type('text/plain').send('Forbidden: bad or missing X-Twilio-Signature\n');
      return;
    }
    next();
  };
}

/** A webhook body the form parser refused (too large, too many fields, an unknown charset) has no signature we can check: 403 like any unsigned request. */
export function createUnreadableBodyRefusal(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    logger.warn({ path: req.path, reason: (error as { type?: unknown }).type }, 'webhook refused: its body could not be read, so its signature cannot be checked');
    res.status(403).type('text/plain').send('Forbidden: bad or missing X-Twilio-Signature\n');
  };
}
