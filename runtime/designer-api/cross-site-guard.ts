import type { Request, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../core/designer-api/types.ts';
import { getBearerToken } from './admin-token.ts';

/** Methods that change flows; a GET only reads, and another site cannot read our answers (no CORS). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Hosts whose requests can only come from this machine: a page elsewhere cannot make a browser send this Host with our cookie. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * The origins the designer is served from: PUBLIC_BASE_URL's, and the address the
 * request came to when that is loopback or when there is no PUBLIC_BASE_URL (local
 * mode). A Host header alone proves little, but a page on another origin cannot
 * send our cookie with a Host that matches its own Origin except by DNS rebinding,
 * and then the cookie (kept for the real host) is not sent.
 */
function getOwnOrigins(req: Request, publicOrigin: string | undefined): string[] {
  const origins = publicOrigin === undefined ? [] : [publicOrigin];
  const host = req.headers.host;
  if (host === undefined) return origins;
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  if (publicOrigin === undefined || LOOPBACK_HOSTS.has(hostname.toLowerCase())) origins.push(`${req.protocol}://${host}`);
  return origins;
}

/**
 * Cross-site request forgery, refused before anything changes. The API takes
 * JSON only (a form on another page, even of the same site, cannot send it
 * without a CORS preflight we never grant), and a state-changing request that
 * the login cookie authenticates must come from the designer's own origin:
 * `Sec-Fetch-Site` same-origin (or none) and an `Origin` that is ours. A request
 * with `Authorization: Bearer` is a script's: browsers never add that header
 * across sites on their own. Mounted after the admin token check.
 */
export function createCrossSiteGuard(publicBaseUrl: string | undefined): RequestHandler {
  const publicOrigin = publicBaseUrl === undefined ? undefined : new URL(publicBaseUrl).origin;
  const refuse = (res: Parameters<RequestHandler>[1], status: 403 | 415, error: string) => void res.status(status).json({ error } satisfies ApiErrorBody);
  return (req, res, next) => {
    if (!STATE_CHANGING.has(req.method)) {
      next();
      return;
    }
    if (hasBody(req) && req.is('application/json') !== 'application/json') {
      refuse(res, 415, 'the designer API takes JSON only: send the body as application/json');
      return;
    }
    if (getBearerToken(req) !== undefined) {
      next();
      return;
    }
    const site = req.get('Sec-Fetch-Site');
    const origin = req.get('Origin');
    const sameSite = site === undefined || site === 'same-origin' || site === 'none';
    const ownOrigin = origin === undefined ? site === 'same-origin' || site === 'none' : getOwnOrigins(req, publicOrigin).includes(origin);
    if (!sameSite || !ownOrigin) {
      refuse(res, 403, 'refused: this change came from another site or origin, not from the designer (scripts send Authorization: Bearer <token>)');
      return;
    }
    next();
  };
}
