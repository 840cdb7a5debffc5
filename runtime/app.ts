import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import type { Interpreter } from '../core/interpreter/types.ts';
import { createCallService } from './call/call-service.ts';
import type { Fetcher } from './call/perform-lookup.ts';
import type { RuntimeConfig } from './config.ts';
import type { FlowRegistry } from './flows/registry.ts';
import type { CallStore } from './store/types.ts';
import { createRequestLog } from './webhooks/request-log.ts';
import { createTwilioRoutes } from './webhooks/twilio-routes.ts';
import { createUnreadableBodyRefusal } from './webhooks/verify-signature.ts';

export interface AppDeps {
  config: RuntimeConfig;
  store: CallStore;
  flows: FlowRegistry;
  logger: Logger;
  interpreter: Interpreter;
  /** the clock, for business hours (tests inject a fixed time) */
  now?: () => Date;
  /** for percentage splits */
  random?: () => number;
  /** the HTTP client for look-ups */
  fetch?: Fetcher;
  /** the longest a webhook may take before the caller goes to a person (default 10 s; Twilio gives up at 15 s) */
  deadlineMs?: number;
  /** the designer's static build (designer/dist), served at / when the folder exists */
  designerDir?: string;
  /** the designer's API, mounted at /api; without it /api answers 404 */
  designerApi?: Router;
  /** `GET /login?token=` and `GET /?token=`: sets the designer's login cookie (see designer-api/admin-token.ts) */
  designerLogin?: RequestHandler;
  /** where test calls (HUMANLINE_TEST_CALLS=on) live, apart from the calls the dashboards count */
  testCallStore?: CallStore;
}

/** Twilio's webhooks are small forms; anything larger is not Twilio. */
const BODY_LIMIT = '64kb';

/** The runtime's Express app, without listening (see server.ts): tests start it on port 0. */
export function createApp(deps: AppDeps): Express {
  const { config, logger } = deps;
  const createService = (store: CallStore) =>
    createCallService({
      config,
      store,
      flows: deps.flows,
      interpreter: deps.interpreter,
      now: deps.now ?? (() => new Date()),
      random: deps.random ?? Math.random,
      fetch: deps.fetch ?? ((url, init) => fetch(url, init)),
      deadlineMs: deps.deadlineMs ?? 10_000,
    });
  // fail closed: a test call must never land among the calls the dashboards count
  if (config.testCalls && deps.testCallStore === undefined) throw new Error('test calls are on but no store for them was given');
  const service = createService(deps.store);
  const testCallService = deps.testCallStore === undefined ? undefined : createService(deps.testCallStore);

  const app = express();
  app.disable('x-powered-by');
  // behind a proxy the public address comes from PUBLIC_BASE_URL, never from forwarded headers
  app.set('trust proxy', false);
  // Forms only where Twilio posts them: a form body under /api would let any page of the site post to the designer API.
  app.use('/twilio', express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 }), createUnreadableBodyRefusal(logger));
  app.use(createRequestLog(logger));

  app.use('/twilio', createTwilioRoutes(config, service, logger, testCallService));

  // The designer and its API are never shown inside another page's frame (clickjacking).
  app.use((_req, res, next) => {
    res.set({ 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Content-Type-Options': 'nosniff' });
    next();
  });

  // Always 200: every replica reads the same flow files, so taking this one out of a balancer would not help a caller.
  // `ok` is false while a flow file is refused with no good version to serve (its callers only reach the fallback);
  // a flow served from its last good version is `stale` and named in `warnings`, and `ok` stays true: the line answers.
  app.get('/healthz', (_req, res) => {
    const refused = deps.flows.listRefused();
    const refusedById = new Map(refused.map((file) => [file.flowId, file]));
    const flows = deps.flows.listCurrent().map((published) => {
      const problem = refusedById.get(published.flowId)?.problem;
      return { id: published.flowId, version: published.versionId, name: published.flow.name ?? published.flowId, ...(problem === undefined ? {} : { stale: true, problem }) };
    });
    const warnings = refused.map((file) =>
      file.servedVersionId === undefined
        ? `flow ${file.flowId} is not served: ${file.problem}; its callers go to the fallback`
        : `flow ${file.flowId} serves its last good version ${file.servedVersionId}: ${file.problem}`,
    );
    const ok = refused.every((file) => file.servedVersionId !== undefined);
    res.json({ ok, localMode: config.localMode, flows, warnings });
  });

  // Without an admin token there is no designer API; /api says so instead of serving the designer's index.
  app.use('/api', deps.designerApi ?? ((_req, res) => void res.status(404).json({ error: 'the designer API is not available: no admin token' })));
  if (deps.designerLogin !== undefined) app.get(['/login', '/'], deps.designerLogin);
  // A designer build is there when its index.html is.
  if (deps.designerDir !== undefined && existsSync(path.join(deps.designerDir, 'index.html'))) {
    app.use(
      express.static(deps.designerDir, {
        index: 'index.html',
        maxAge: '1h',
        // Vite names assets by their hash, but index.html keeps its name: a cached one would point at assets a rebuild removed.
        setHeaders: (res, file) => {
          if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
  } else {
    // Say what is here rather than a bare 404, for whoever follows the printed designer URL.
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('humanline is running. The browser designer is not built yet; its API is at /api, and Twilio webhooks at /twilio/voice/<flow>.\n');
    });
  }

  const answerError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).type('text/plain').send(`${(error as Error).message}\n`);
      return;
    }
    ((res.locals.log as Logger | undefined) ?? logger).error({ err: error }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
  app.use(answerError);
  return app;
}
