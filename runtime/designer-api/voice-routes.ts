import express, { type Router } from 'express';
import type { BrowserCallStatus, VoiceToken } from '../../core/designer-api/types.ts';
import type { BrowserCallCredentials } from '../config.ts';
import type { FlowRegistry } from '../flows/registry.ts';
import { DesignerApiError, parseWith } from './api-error.ts';
import { VoiceTokenBodySchema } from './schemas.ts';
import { BROWSER_CALL_SETUP, createVoiceToken, getBrowserCallStatus } from './voice-token.ts';

export interface VoiceRoutesDeps {
  /** undefined: the routes explain what to configure */
  credentials: BrowserCallCredentials | undefined;
  flows: FlowRegistry;
}

/** `/api/voice`: the designer's "Call from browser". Mounted behind the admin token and the JSON parser. */
export function createVoiceRoutes(deps: VoiceRoutesDeps): Router {
  const router = express.Router();

  router.get('/status', (_req, res) => {
    res.json(getBrowserCallStatus(deps.credentials) satisfies BrowserCallStatus);
  });

  router.post('/token', (req, res) => {
    // checked before the body, so the designer always learns what to set
    if (deps.credentials === undefined) throw new DesignerApiError(409, BROWSER_CALL_SETUP);
    const { flow } = parseWith(VoiceTokenBodySchema, req.body, 'body');
    // the call reaches the runtime, which serves published versions only; a draft would meet the fallback
    if (deps.flows.getCurrent(flow) === undefined) {
      throw new DesignerApiError(409, `flow "${flow}" is not published: a real call runs the published version, so publish it first`);
    }
    res.set('Cache-Control', 'no-store').json(createVoiceToken(deps.credentials) satisfies VoiceToken);
  });

  return router;
}
