import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { interpreter } from '../../core/interpreter/index.ts';
import type { Fetcher } from '../../runtime/call/perform-lookup.ts';
import type { RuntimeConfig } from '../../runtime/config.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createRuntime, type Runtime } from '../../runtime/runtime.ts';
import { listen, type RunningServer } from '../../runtime/server.ts';
import type { WebhookTarget } from './webhook-client.ts';

// The runtime inside `humanline simulate`, on loopback, over the store `humanline
// serve` uses: the real app answering real signed webhooks, with two things of the
// simulated world put in: the time of the call (so calls spread over days) and
// the outcome of its look-ups. Each webhook carries both in headers that only
// this in-process server reads.

/** The simulated time of the webhook, ms since the epoch. */
export const SIMULATED_TIME_HEADER = 'X-Humanline-Simulated-Time';
/** `failed`: the webhook's look-ups fail; anything else: they answer. */
export const SIMULATED_LOOKUP_HEADER = 'X-Humanline-Simulated-Lookup';

/** What a webhook's handling knows of the simulated world. */
interface SimulatedMoment {
  now: Date;
  lookupFails: boolean;
}

/** A look-up's answer: a few fields most flows read, or a failure. */
function createSimulatedFetch(moments: AsyncLocalStorage<SimulatedMoment>): Fetcher {
  return async () => {
    if (moments.getStore()?.lookupFails) return new Response('simulated outage', { status: 503 });
    return Response.json({ ok: true, balance: '1234.56', status: 'active', name: 'Alex' });
  };
}

export interface LocalRuntime {
  target: WebhookTarget;
  runtime: Runtime;
  close(): Promise<void>;
}

/** Starts the runtime of `config` (its flows and its store) on a free loopback port, signed with a token made for this run. */
export async function startLocalRuntime(config: RuntimeConfig, random: () => number): Promise<LocalRuntime> {
  const authToken = randomBytes(24).toString('hex');
  // the address signed: no Twilio calls this runtime, so any loopback URL will do
  const publicBaseUrl = 'http://127.0.0.1';
  const moments = new AsyncLocalStorage<SimulatedMoment>();
  const runtime = await createRuntime(
    { ...config, twilioAuthToken: authToken, publicBaseUrl, localMode: false, logLevel: 'silent' },
    {
      logger: createLogger('silent'),
      interpreter,
      now: () => moments.getStore()?.now ?? new Date(),
      random,
      fetch: createSimulatedFetch(moments),
      watchFlows: false,
    },
  );
  const outer = express();
  // the body is read here, so the moment below holds through the runtime's handlers (its own parser sees a read body and skips)
  outer.use('/twilio', express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }), (req, _res, next) => {
    const at = Number(req.get(SIMULATED_TIME_HEADER));
    moments.run({ now: Number.isFinite(at) ? new Date(at) : new Date(), lookupFails: req.get(SIMULATED_LOOKUP_HEADER) === 'failed' }, next);
  });
  outer.use(runtime.app);
  let running: RunningServer;
  try {
    running = await listen(outer, 0, '127.0.0.1');
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    target: { baseUrl: running.url, publicBaseUrl, authToken },
    runtime,
    async close() {
      await running.close();
      await runtime.close();
    },
  };
}
