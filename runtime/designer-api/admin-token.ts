import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

/** The cookie `GET /login?token=...` sets; HttpOnly so the designer's scripts never see the token. */
export const TOKEN_COOKIE = 'humanline_token';

/** A fresh admin token for `humanline serve` when HUMANLINE_ADMIN_TOKEN is unset: 32 random bytes, hex. */
export function createAdminToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant-time comparison: both sides are hashed first, so the buffers have equal length and the length leaks nothing. */
export function isAdminToken(candidate: string, adminToken: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(adminToken));
}

function getCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The token in `Authorization: Bearer ...`, which scripts send and browsers never add on their own. */
export function getBearerToken(req: Request): string | undefined {
  const authorization = req.headers.authorization;
  return authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

/** The token a request carries: `Authorization: Bearer ...`, else the login cookie. */
export function getRequestToken(req: Request): string | undefined {
  return getBearerToken(req) ?? getCookie(req, TOKEN_COOKIE);
}

/** Refuses with 401 JSON unless the request carries the admin token. */
export function requireAdminToken(adminToken: string): RequestHandler {
  return (req, res, next) => {
    const token = getRequestToken(req);
    if (token === undefined || !isAdminToken(token, adminToken)) {
      res.status(401).json({ error: 'the designer API needs the admin token: open the login URL humanline serve printed, or send Authorization: Bearer <token>' });
      return;
    }
    next();
  };
}

/**
 * `GET /login?token=...` (and `GET /?token=...`, the URL serve prints): sets the cookie (Secure
 * when PUBLIC_BASE_URL is https) and
 * redirects to `/`, which also takes the token out of the address bar. `/` without a token
 * passes on to the designer's static files.
 */
export function createLoginHandler(adminToken: string, publicBaseUrl: string | undefined): RequestHandler {
  // behind a TLS proxy the request itself is plain http: the public address says whether browsers reach us over https
  const secureBehindProxy = publicBaseUrl?.startsWith('https:') ?? false;
  return (req, res, next) => {
    const token = req.query.token;
    if (req.path === '/' && token === undefined) {
      next();
      return;
    }
    if (typeof token !== 'string' || !isAdminToken(token, adminToken)) {
      res.status(401).json({ error: 'wrong or missing token: use the login URL humanline serve printed at start' });
      return;
    }
    res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure || secureBehindProxy, path: '/' });
    res.set('Cache-Control', 'no-store').redirect(303, '/');
  };
}
