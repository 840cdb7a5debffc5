import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { CallService } from '../call/call-service.ts';
import type { RuntimeConfig } from '../config.ts';
import { RuntimeError, describeError } from '../errors.ts';
import { renderAgentQueue, renderQueueLeave } from '../twiml/queue-hold.ts';
import { NOBODY_WHISPERED, getQueueConnectUrl } from '../twiml/urls.ts';
import { renderEmpty } from '../twiml/render.ts';
import {
  CallParamsSchema,
  CallSidSchema,
  ClientCallParamsSchema,
  FallbackParamsSchema,
  FlowIdSchema,
  QueueHoldParamsSchema,
  QueueConnectParamsSchema,
  QueueKeyParamsSchema,
  QueueNameSchema,
  SeqSchema,
  StatusParamsSchema,
  StepParamsSchema,
  WhisperParamsSchema,
  parseWebhook,
} from './params.ts';
import { getRequestLog, sendTwiml } from './request-log.ts';
import { toCallInfo, toQueuePlace, toStepInput } from './to-call-input.ts';
import { createTestCallCheck, getTestCall, setTestTrace } from './test-call.ts';
import { createSignatureCheck } from './verify-signature.ts';

/** The flow id in a webhook path (/twilio/<kind>/<flowId>/...), for the fallback when nothing else is known. */
function getPathFlowId(path: string): string | undefined {
  const match = /^\/(?:voice|step|queue-wait|queue-key|whisper|fallback)\/([^/]+)/.exec(path);
  const parsed = FlowIdSchema.safeParse(match?.[1] === undefined ? undefined : decodeURIComponent(match[1]));
  return parsed.success ? parsed.data : undefined;
}

/** The flow a failed webhook was for: its path, or a designer call's `flow` parameter. */
function getRequestFlowId(req: Request): string | undefined {
  if (req.path !== '/client') return getPathFlowId(req.path);
  const parsed = ClientCallParamsSchema.safeParse(req.body ?? {});
  return parsed.success ? parsed.data.flow : undefined;
}

function getBodyCallSid(req: Request): string | undefined {
  const parsed = CallParamsSchema.safeParse(req.body ?? {});
  return parsed.success ? parsed.data.CallSid : undefined;
}

/** The flow id Twilio's Fallback URL request points at: its path, else the URL that failed. */
function getFallbackFlowId(req: Request, errorUrl: string | undefined): string | undefined {
  const fromPath = getPathFlowId(req.path);
  if (fromPath !== undefined || errorUrl === undefined) return fromPath;
  try {
    return getPathFlowId(new URL(errorUrl, 'http://localhost').pathname.replace(/^\/twilio/, ''));
  } catch {
    return undefined;
  }
}

/** The queue an agent's URL names (/agent-queue/<queue>), when it is a valid name. */
function getPathQueueName(path: string): string | undefined {
  const match = /^\/agent-queue\/([^/]+)$/.exec(path);
  if (match === null) return undefined;
  try {
    const parsed = QueueNameSchema.safeParse(decodeURIComponent(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A failure's answer where no caller may be sent to a person: the wait URL (and its Gather's key)
 * leaves the queue, the whisper on the agent's leg says nothing, an agent dialling a queue is put
 * through without a whisper, the <Queue url> on a dequeued caller's leg lets the bridge go on; undefined elsewhere.
 */
function getNoDialFailureAnswer(path: string, baseUrl: string | undefined): { twiml: string; outcome: string } | undefined {
  if (/^\/(?:queue-wait|queue-key)(?:\/|$)/.test(path)) return { twiml: renderQueueLeave(), outcome: 'the caller leaves the queue for its failure route' };
  if (/^\/whisper(?:\/|$)/.test(path)) return { twiml: renderEmpty(), outcome: 'the agent hears no whisper' };
  if (/^\/queue-connect(?:\/|$)/.test(path)) return { twiml: renderEmpty(), outcome: 'the caller is bridged to the agent as Twilio does' };
  if (/^\/agent-queue(?:\/|$)/.test(path)) {
    const queue = getPathQueueName(path);
    if (queue === undefined) return { twiml: renderEmpty(), outcome: 'the agent named no valid queue and hears nothing' };
    return { twiml: renderAgentQueue('', queue, getQueueConnectUrl(baseUrl, undefined)), outcome: 'the agent is put through to the queue without a whisper' };
  }
  return undefined;
}

/**
 * The Twilio webhooks, mounted at /twilio. Each route parses Twilio's
 * parameters with zod, asks the call service, and answers TwiML; every
 * failure on the way answers TwiML that routes the caller to a person.
 */
export function createTwilioRoutes(config: RuntimeConfig, callService: CallService, logger: Logger, testCallService?: CallService): Router {
  const router = Router();
  router.use(createSignatureCheck(config));
  router.use(createTestCallCheck(config));
  // test calls live in their own store, out of the dashboards (createApp makes that service whenever test calls are on)
  const serviceFor = (res: Response): CallService => (getTestCall(res) !== undefined && testCallService !== undefined ? testCallService : callService);

  /** A new call to a flow, whichever URL named the flow. */
  async function answerNewCall(flowId: string, req: Request, res: Response): Promise<void> {
    const params = parseWebhook(CallParamsSchema, req.body, 'Voice URL parameters');
    const twiml = await serviceFor(res).answerVoice(flowId, toCallInfo(params), getRequestLog(res), getTestCall(res));
    setTestTrace(res);
    sendTwiml(res, twiml);
  }

  router.post('/voice/:flowId', async (req, res) => {
    await answerNewCall(parseWebhook(FlowIdSchema, req.params.flowId, 'flow id'), req, res);
  });

  // The TwiML App's Voice URL: one URL for every designer call, so the flow comes as a parameter, not in the path.
  router.post('/client', async (req, res) => {
    await answerNewCall(parseWebhook(ClientCallParamsSchema, req.body, 'browser call parameters').flow, req, res);
  });

  router.post('/step/:flowId/:seq', async (req, res) => {
    const seq = parseWebhook(SeqSchema, req.params.seq, 'seq');
    const params = parseWebhook(StepParamsSchema, req.body, 'action parameters');
    const twiml = await serviceFor(res).answerStep(seq, params.CallSid, toStepInput(params), getRequestLog(res), getTestCall(res));
    setTestTrace(res);
    sendTwiml(res, twiml);
  });

  router.post('/queue-wait/:flowId/:seq', async (req, res) => {
    const seq = parseWebhook(SeqSchema, req.params.seq, 'seq');
    const params = parseWebhook(QueueHoldParamsSchema, req.body, 'queue wait parameters');
    sendTwiml(res, await serviceFor(res).answerQueueHold(seq, params.CallSid, toQueuePlace(params)));
  });

  router.post('/queue-key/:flowId/:seq', async (req, res) => {
    const seq = parseWebhook(SeqSchema, req.params.seq, 'seq');
    const params = parseWebhook(QueueKeyParamsSchema, req.body, 'queue key parameters');
    sendTwiml(res, await serviceFor(res).answerQueueKey(seq, params.CallSid, params.Digits ?? ''));
  });

  router.post('/whisper/:flowId/:seq', async (req, res) => {
    const seq = parseWebhook(SeqSchema, req.params.seq, 'seq');
    const params = parseWebhook(WhisperParamsSchema, req.body, 'whisper parameters');
    sendTwiml(res, await serviceFor(res).answerWhisper(seq, params.ParentCallSid ?? params.CallSid));
  });

  // The contact centre's agents dial this (their number's or client's Voice URL) to take the next caller of a queue.
  // An agent's leg is never a designer test call: it reads the live calls' store.
  router.post('/agent-queue/:queue', async (req, res) => {
    const queue = parseWebhook(QueueNameSchema, req.params.queue, 'queue name');
    parseWebhook(CallParamsSchema, req.body, 'agent call parameters');
    sendTwiml(res, await callService.answerAgentQueue(queue));
  });

  router.post('/queue-connect/:whispered', async (req, res) => {
    const whispered = req.params.whispered === NOBODY_WHISPERED ? undefined : parseWebhook(CallSidSchema, req.params.whispered, 'whispered call');
    const params = parseWebhook(QueueConnectParamsSchema, req.body, 'queue connect parameters');
    sendTwiml(res, await callService.answerQueueConnect(whispered, params.CallSid, getRequestLog(res)));
  });

  const fallback = async (req: Request, res: Response) => {
    const params = FallbackParamsSchema.safeParse(req.body ?? {});
    const callSid = params.success ? params.data.CallSid : undefined;
    const errorUrl = params.success ? params.data.ErrorUrl : undefined;
    const log = getRequestLog(res);
    log.warn({ errorCode: params.success ? params.data.ErrorCode : undefined, errorUrl }, 'Twilio called the Fallback URL');
    sendTwiml(res, await serviceFor(res).answerFallback(getFallbackFlowId(req, errorUrl), callSid, log));
  };
  router.post('/fallback', fallback);
  router.post('/fallback/:flowId', fallback);

  router.post('/status', async (req, res) => {
    const params = parseWebhook(StatusParamsSchema, req.body, 'status callback');
    await serviceFor(res).recordStatus(params.CallSid, params.CallStatus, getRequestLog(res));
    // Twilio ignores the answer to a status callback; an empty document keeps every answer TwiML
    sendTwiml(res, renderEmpty());
  });

  // a signed request for a path we do not serve (an unknown flow, a typo in the console): a person
  router.use(async (req, res) => {
    const log = getRequestLog(res);
    const noDial = getNoDialFailureAnswer(req.path, config.publicBaseUrl);
    if (noDial !== undefined) {
      log.error({ path: req.path }, `no webhook at this path: ${noDial.outcome}`);
      sendTwiml(res, noDial.twiml);
      return;
    }
    log.error({ path: req.path }, 'no webhook at this path: routed to the fallback');
    sendTwiml(res, await serviceFor(res).answerFallback(getPathFlowId(req.path), getBodyCallSid(req), log));
  });

  const answerWithPerson: ErrorRequestHandler = async (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const log = (res.locals.log as Logger | undefined) ?? logger;
    const reason = error instanceof RuntimeError ? error.reason : 'unexpected error';
    // No caller waits on a status callback: a 200 would acknowledge a status that was not kept
    if (req.path === '/status') {
      log.error({ err: error, reason }, `status callback not kept (${describeError(error)}): answered 503`);
      sendTwiml(res, renderEmpty(), 503);
      return;
    }
    const noDial = getNoDialFailureAnswer(req.path, config.publicBaseUrl);
    if (noDial !== undefined) {
      log.error({ err: error, reason }, `webhook failed (${describeError(error)}): ${noDial.outcome}`);
      sendTwiml(res, noDial.twiml);
      return;
    }
    log.error({ err: error, reason }, `webhook failed (${describeError(error)}): routed the caller to a person`);
    sendTwiml(res, await serviceFor(res).answerFallback(getRequestFlowId(req), getBodyCallSid(req), log));
  };
  router.use(answerWithPerson);
  return router;
}
