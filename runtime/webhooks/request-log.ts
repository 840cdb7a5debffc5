import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** The request's logger; on webhooks it carries the CallSid on every line. */
export function getRequestLog(res: Response): Logger {
  return res.locals.log as Logger;
}

/** Gives each request a child logger; the CallSid joins it once the body is parsed. */
export function createRequestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    const callSid = typeof body?.CallSid === 'string' ? body.CallSid : undefined;
    res.locals.log = logger.child({ ...(callSid ? { callSid } : {}), method: req.method, path: req.path });
    next();
  };
}

/** Sends TwiML: text/xml with its length, status 200 unless told. */
export function sendTwiml(res: Response, twiml: string, status = 200): void {
  res.status(status).set('Content-Type', 'text/xml; charset=utf-8').set('Content-Length', String(Buffer.byteLength(twiml))).end(twiml);
}
