import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { RuntimeConfig } from '../config.ts';
import type { TestCall } from '../call/test-call.ts';
import { getRequestLog } from './request-log.ts';

// The test-call parameter of `humanline test --url`: one more signed form
// field carrying the scenario's world. Honoured only when the server allows
// test calls and after the signature check; otherwise refused, never ignored,
// so a test never silently runs on the server's clock or real look-ups.

/** The form field a test call's webhooks carry: JSON of `TestCallParamSchema`. */
export const TEST_CALL_PARAM = 'HumanlineTest';
/** The answer header reporting a test call's trace (URI-encoded JSON). */
export const TEST_TRACE_HEADER = 'X-Humanline-Test-Trace';
/** The body of a refusal when test calls are off: the caller's side recognises it. */
export const TEST_CALLS_OFF_REFUSAL = 'Forbidden: test calls are off: start the server with HUMANLINE_TEST_CALLS=on\n';

const MAX_PARAM_CHARS = 32_000;
const MAX_TRACE_CHARS = 8_000;
const NodeId = z.string().min(1).max(200);

const TestCallParamSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }).optional(),
  lookups: z.record(NodeId, z.union([z.enum(['ok', 'failed', 'timeout']), z.strictObject({ ok: z.record(z.string(), z.unknown()) })])).optional(),
  draws: z.array(z.number().min(0).lt(1)).max(1000).optional(),
  links: z.record(NodeId, z.enum(['failed', 'entered'])).optional(),
});

function parseTestCall(text: string): TestCall | undefined {
  if (text.length > MAX_PARAM_CHARS) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = TestCallParamSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { at, lookups, draws, links } = parsed.data;
  return { at: at === undefined ? undefined : new Date(at), lookups: lookups ?? {}, draws: draws ?? [], links: links ?? {} };
}

/** After the signature check: a test call's world into `res.locals.testCall`, or a 403 when test calls are off or the field is bad. */
export function createTestCallCheck(config: RuntimeConfig): RequestHandler {
  return (req, res, next) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const field = body[TEST_CALL_PARAM];
    if (field === undefined) {
      next();
      return;
    }
    if (!config.testCalls) {
      getRequestLog(res).warn({ path: req.path }, 'test call refused: HUMANLINE_TEST_CALLS is off');
      res.status(403).type('text/plain').send(TEST_CALLS_OFF_REFUSAL);
      return;
    }
    const test = typeof field === 'string' ? parseTestCall(field) : undefined;
    if (test === undefined) {
      getRequestLog(res).warn({ path: req.path }, `test call refused: ${TEST_CALL_PARAM} is not a valid test environment`);
      res.status(403).type('text/plain').send(`Forbidden: ${TEST_CALL_PARAM} must be JSON { at?, lookups?, draws?, links? } of at most ${MAX_PARAM_CHARS} characters\n`);
      return;
    }
    res.locals.testCall = test;
    next();
  };
}

export function getTestCall(res: Response): TestCall | undefined {
  return res.locals.testCall as TestCall | undefined;
}

/** Adds the trace header to a test call's answer; nothing on other calls. */
export function setTestTrace(res: Response): void {
  const trace = getTestCall(res)?.trace;
  if (trace === undefined) return;
  // a header must stay well under Node's 16 KB limit: a long path keeps its last nodes
  let path = trace.path;
  let value = encodeURIComponent(JSON.stringify(trace));
  while (value.length > MAX_TRACE_CHARS && path.length > 0) {
    path = path.slice(Math.ceil(path.length / 2));
    value = encodeURIComponent(JSON.stringify({ ...trace, path }));
  }
  res.set(TEST_TRACE_HEADER, value);
}
