import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

/** The cookie `GET /login?token=...` sets; HttpOnly so the designer's scripts never see the token. */
export const TOKEN_COOKIE = 'humanline_token';

/** A fresh admin token for `humanline serve` when HUMANLINE_ADMIN_TOKEN is unset: 32 random bytes, hex. */
export function createAdminToken(): string {
  return randomBytes(32).toString('hex');
}

/** A token that opens the designer, and the name its publishes are recorded under. */
export interface AdminToken {
  name: string;
  /** a secret: never logged */
  token: string;
}

/** The name of the single HUMANLINE_ADMIN_TOKEN's holder. */
export const DEFAULT_ADMIN_NAME = 'admin';

/** Constant-time comparison: both sides are hashed first, so the buffers have equal length and the length leaks nothing. */
export function isAdminToken(candidate: string, adminToken: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(adminToken));
}

/** The name of the token's holder; every token is compared, so the time taken does not say which one matched. */
export function getTokenHolder(candidate: string, tokens: readonly AdminToken[]): string | undefined {
  let holder: string | undefined;
  for (const { name, token } of tokens) if (isAdminToken(candidate, token) && holder === undefined) holder = name;
  return holder;
}

/** Who sent a request `requireAdminToken` let through. */
export function getRequestHolder(res: Response): string {
  const holder = res.locals.adminName as unknown;
  // requireAdminToken runs before every route; without it nobody is recorded rather than a guess
  if (typeof holder !== 'string') throw new Error('no admin token checked for this request');
  return holder;
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

/** Refuses with 401 JSON unless the request carries an admin token; keeps its holder's name for the routes (getRequestHolder). */
export function requireAdminToken(tokens: readonly AdminToken[]): RequestHandler {
  return (req, res, next) => {
    const token = getRequestToken(req);
    const holder = token === undefined ? undefined : getTokenHolder(token, tokens);
    if (holder === undefined) {
      res.status(401).json({ error: 'the designer API needs the admin token: open the login URL humanline serve printed, or send Authorization: Bearer <token>' });
      return;
    }
    res.locals.adminName = holder;
    next();
  };
}

/**
 * `GET /login?token=...` (and `GET /?token=...`, the URL serve prints): sets the cookie (Secure
 * when PUBLIC_BASE_URL is https) and
 * redirects to `/`, which also takes the token out of the address bar. `/` without a token
 * passes on to the designer's static files.
 */
export function createLoginHandler(tokens: readonly AdminToken[], publicBaseUrl: string | undefined): RequestHandler {
  // behind a TLS proxy the request itself is plain http: the public address says whether browsers reach us over https
  const secureBehindProxy = publicBaseUrl?.startsWith('https:') ?? false;
  return (req, res, next) => {
    const token = req.query.token;
    if (req.path === '/' && token === undefined) {
      next();
      return;
    }
    if (typeof token !== 'string' || getTokenHolder(token, tokens) === undefined) {
      res.status(401).json({ error: 'wrong or missing token: use the login URL humanline serve printed at start' });
      return;
    }
    res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure || secureBehindProxy, path: '/' });
    res.set('Cache-Control', 'no-store').redirect(303, '/');
  };
}
