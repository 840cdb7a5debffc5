import type { Logger } from 'pino';
import { getDefaultLanguage } from '../../core/interpreter/index.ts';
import type { CallEvent, CallInfo, CallState, Interpreter, RunOptions, Step } from '../../core/interpreter/types.ts';
import { DEFAULTS } from '../../core/schema/defaults.ts';
import type { RuntimeConfig } from '../config.ts';
import { DeadlineError, InterpreterError, MissingFlowVersionError, StaleWebhookError, UnknownCallError, UnknownFlowError, describeError } from '../errors.ts';
import type { FlowRegistry, PublishedFlow } from '../flows/registry.ts';
import { ENTRY_SEQ, FINAL_STATUSES, type CallEventRecord, type CallRecord, type CallStatus, type CallStore } from '../store/types.ts';
import { renderFallback } from '../twiml/fallback.ts';
import { renderAgentQueue, renderQueueHold, renderQueueKey, renderWhisper, type QueuePlace } from '../twiml/queue-hold.ts';
import { renderEmpty, renderHangup, renderStep } from '../twiml/render.ts';
import { getQueueConnectUrl, getWaitUrls } from '../twiml/urls.ts';
import { getCallEvents } from './call-events.ts';
import { getStepSummary, type PathNode } from './call-summary.ts';
import { getHangupSummary } from '../store/hangup-summary.ts';
import { getFallbackTarget } from './fallback-target.ts';
import { performLookup, type Fetcher } from './perform-lookup.ts';
import { createTestDraws, isTestLinkFailed, toTestCallTrace, toTestLookup, type TestCall } from './test-call.ts';
import { toStepOutcome, type StepInput } from './to-call-event.ts';

/** What answering calls needs; everything from outside is injected, so tests replay exactly. */
export interface CallServiceDeps {
  config: RuntimeConfig;
  store: CallStore;
  flows: FlowRegistry;
  interpreter: Interpreter;
  now: () => Date;
  random: () => number;
  fetch: Fetcher;
  /** the longest a webhook may take before the caller goes to a person */
  deadlineMs: number;
}

/** How long the fallback waits for the store to name the call's flow before using the configured number. */
const FALLBACK_READ_MS = 1000;

/** Look-ups one webhook may chain before the runtime gives up on the flow. */
const MAX_LOOKUPS_PER_WEBHOOK = 5;

/** Links to other flows one webhook may follow before the runtime gives up on the line (a ring of gotos). */
const MAX_LINKS_PER_WEBHOOK = 10;

type LinkWait = Extract<Step['wait'], { kind: 'link' }>;

/** The options of one webhook's interpreter run, and a test call's trace sink with the draws it used. */
interface Run {
  options: RunOptions;
  test?: { call: TestCall; getDrawsUsed: () => number };
}

/** Runs `work` but gives up after `ms`: a hanging store or interpreter becomes a typed error. */
async function withDeadline<T>(ms: number, work: (deadline: number) => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(deadline), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function createCallService(deps: CallServiceDeps) {
  const { config, store, flows, interpreter } = deps;

  /** The options of a run in `published`: its version and fallback, the clock and draws of `base`. */
  function toRunOptions(published: PublishedFlow, base: Pick<RunOptions, 'now' | 'random'>): RunOptions {
    const options: RunOptions = { flowVersion: published.versionId, now: base.now, random: base.random };
    const fallbackNumber = published.flow.settings?.fallback?.number ?? config.fallbackNumber;
    if (fallbackNumber !== undefined) options.fallbackNumber = fallbackNumber;
    return options;
  }

  /** A webhook's run: the server's clock and draws, or a test call's; `test` also receives the trace of the answer. */
  function createRun(published: PublishedFlow, test: TestCall | undefined): Run {
    const draws = test === undefined ? undefined : createTestDraws(test);
    const options = toRunOptions(published, { now: test?.at ?? deps.now(), random: draws?.random ?? deps.random });
    return { options, ...(test !== undefined && draws !== undefined ? { test: { call: test, getDrawsUsed: draws.getUsed } } : {}) };
  }

  function runInterpreter(run: () => Step): Step {
    try {
      return run();
    } catch (error) {
      throw new InterpreterError(describeError(error), { cause: error });
    }
  }

  /**
   * The flow a goto links to, in the version this call runs it in: the one pinned when the call first
   * entered it, else its current one; undefined when it is missing or has no node to start at.
   */
  async function getLinkedFlow(state: CallState, wait: LinkWait): Promise<PublishedFlow | undefined> {
    const pinned = state.pinned !== undefined && Object.hasOwn(state.pinned, wait.flowId) ? state.pinned[wait.flowId] : undefined;
    const linked = pinned === undefined ? flows.getCurrent(wait.flowId) : await flows.getVersion(wait.flowId, pinned);
    if (linked === undefined) return undefined;
    return Object.hasOwn(linked.flow.nodes, wait.entry ?? linked.flow.entry) ? linked : undefined;
  }

  /**
   * Performs the look-ups the call stops at and follows its links to other flows, feeding each outcome
   * back, until it waits for Twilio; `published` is the flow the call is in at the end.
   */
  async function settleStep(from: PublishedFlow, first: Step, deadline: number, run: Run) {
    let step = first;
    let published = from;
    let { options } = run;
    // the nodes passed and the look-ups' and links' outcomes, in the order they happened
    const events: CallEventRecord[] = [];
    const enter = (entered: Step): void => {
      for (const nodeId of entered.path ?? []) events.push({ type: 'nodeEntered', nodeId });
    };
    enter(first);
    const toPathNodes = (entered: Step, flow: PublishedFlow): PathNode[] =>
      (entered.path ?? []).map((nodeId) => ({ nodeId, flow: flow.flow, flowId: flow.flowId, versionId: flow.versionId }));
    const path = toPathNodes(first, from);
    // what was said before each look-up or link is heard too: the caller hears it all in this one answer
    const speech = [...first.speech];
    let lookups = 0;
    let links = 0;
    while (step.wait.kind === 'lookup' || step.wait.kind === 'link') {
      const state: CallState = step.state;
      if (step.wait.kind === 'lookup') {
        if (++lookups > MAX_LOOKUPS_PER_WEBHOOK) throw new InterpreterError(`more than ${MAX_LOOKUPS_PER_WEBHOOK} look-ups in one webhook`);
        const wait = step.wait;
        // leave time to answer after the look-up
        // a test call's look-ups answer from its scenario: nothing is fetched
        const outcome = run.test !== undefined ? toTestLookup(run.test.call, wait.nodeId) : await performLookup(wait, deps.fetch, deadline - Date.now() - 1000);
        events.push({ type: 'outcome', nodeId: wait.nodeId, outcome: outcome.outcome });
        const flow = published.flow;
        step = runInterpreter(() => interpreter.continueCall(flow, state, outcome, options));
      } else {
        // links that come back round with nothing to wait for would answer no webhook
        if (++links > MAX_LINKS_PER_WEBHOOK) throw new InterpreterError(`more than ${MAX_LINKS_PER_WEBHOOK} links in one webhook`);
        const wait = step.wait;
        // a test call's scenario may say the link fails: only test calls carry one (HUMANLINE_TEST_CALLS=on)
        const linked = run.test !== undefined && isTestLinkFailed(run.test.call, wait.nodeId) ? undefined : await getLinkedFlow(state, wait);
        if (linked === undefined) {
          events.push({ type: 'outcome', nodeId: wait.nodeId, outcome: 'failed' });
          const flow = published.flow;
          step = runInterpreter(() => interpreter.continueCall(flow, state, { type: 'link', outcome: 'failed' }, options));
        } else {
          events.push({ type: 'flowLinked', nodeId: wait.nodeId, flowId: linked.flowId, versionId: linked.versionId });
          const pinned = { ...state.pinned, [published.flowId]: state.flowVersion, [linked.flowId]: linked.versionId };
          published = linked;
          options = toRunOptions(linked, options);
          const linkedOptions = options;
          step = runInterpreter(() => interpreter.enterFlow(linked.flow, { ...state, pinned }, wait.entry, linkedOptions));
        }
      }
      enter(step);
      path.push(...toPathNodes(step, published));
      speech.push(...step.speech);
    }
    if (step !== first) step = { ...step, speech };
    // what the caller's answer was judged is the first step's, whatever look-ups followed
    if (first.miss !== undefined && step !== first) step = { ...step, miss: first.miss };
    return { published, step, passedEvents: events, path };
  }

  /** Renders the step, saves it with its answer in one go, records the events; a racing duplicate gets the stored answer. */
  async function answer(
    log: Logger,
    started: PublishedFlow,
    previous: CallRecord | undefined,
    answerSeq: number,
    event: CallEvent,
    reported: StepInput | undefined,
    settled: { published: PublishedFlow; step: Step; passedEvents: CallEventRecord[]; path: PathNode[] },
    test?: Run['test'],
  ): Promise<string> {
    const { step, passedEvents, path } = settled;
    // `started`: the flow the webhook began in, which a new call's summary starts in; a link moves the call (and its next webhooks) to the linked flow
    const { published } = settled;
    if (test !== undefined) test.call.trace = toTestCallTrace(
        step,
        path.map((entered) => entered.nodeId),
        test.getDrawsUsed(),
      );
    const callSid = step.state.callSid;
    const node = step.wait.kind === 'queue' ? published.flow.nodes[step.wait.nodeId] : undefined;
    const twiml = renderStep(step, {
      urls: getWaitUrls(config.publicBaseUrl, published.flowId, step.state.seq),
      settings: published.flow.settings,
      ...(node?.kind === 'queue' && node.capacity !== undefined ? { queueCapacity: node.capacity } : {}),
    });
    const events = { list: getCallEvents(previous, event, passedEvents, step), at: deps.now() };
    const record: CallRecord = { callSid, flowId: published.flowId, state: step.state, wait: step.wait, waitSinceMs: events.at.getTime() };
    const summary = getStepSummary({
      flowId: started.flowId,
      versionId: started.versionId,
      current: { flowId: published.flowId, versionId: published.versionId },
      previous,
      event,
      step,
      path,
      events: events.list,
      at: events.at,
      ...(reported === undefined ? {} : { reported }),
    });
    const saved = await store.saveStep({ record, expectedSeq: previous?.state.seq, answerSeq, twiml, events, summary });
    if (saved === 'conflict') {
      const replay = await store.getAnswer(callSid, answerSeq);
      if (replay === undefined) throw new StaleWebhookError(`call ${callSid} moved on while answering seq ${answerSeq}`);
      log.info({ seq: answerSeq }, 'duplicate webhook (or one racing it): answered the stored TwiML');
      return replay;
    }
    if (previous === undefined) log.info({ flowId: started.flowId, versionId: started.versionId }, 'call started');
    if (published !== started) log.info({ flowId: published.flowId, versionId: published.versionId }, `call continues in flow ${published.flowId}`);
    log.info({ seq: step.state.seq, at: step.state.at, wait: step.wait.kind, guard: step.state.guard }, `call waits: ${step.wait.kind}`);
    return twiml;
  }

  async function getPinnedFlow(record: CallRecord): Promise<PublishedFlow> {
    const published = await flows.getVersion(record.flowId, record.state.flowVersion);
    if (published === undefined) throw new MissingFlowVersionError(`flow ${record.flowId} version ${record.state.flowVersion} is gone`);
    return published;
  }

  /**
   * The call's record at the wait `seq`; a replayed answer when the webhook is a duplicate. `forStep`: the
   * record answers a step saved from `seq` (compare-and-set), so the store may answer it from its own last save.
   */
  async function getRecordAt(callSid: string, seq: number, forStep = false): Promise<{ record: CallRecord } | { replay: string }> {
    const record = await store.getCall(callSid, forStep ? seq : undefined);
    if (record === undefined) throw new UnknownCallError(callSid);
    if (record.state.seq === seq) return { record };
    const replay = await store.getAnswer(callSid, seq);
    if (replay !== undefined) return { replay };
    throw new StaleWebhookError(`call ${callSid} is at seq ${record.state.seq}, webhook for seq ${seq}`);
  }

  /** The stored answer to a call's Voice URL webhook when the call exists (a duplicate); undefined for a new call. */
  async function getEntryReplay(callSid: string, log: Logger): Promise<string | undefined> {
    const existing = await store.getCall(callSid);
    if (existing === undefined) return undefined;
    const replay = await store.getAnswer(callSid, ENTRY_SEQ);
    if (replay === undefined) throw new StaleWebhookError(`call ${callSid} already started`);
    log.info('duplicate Voice URL webhook: answered the stored TwiML');
    return replay;
  }

  /** The apology and the person for a call: the flow's (pinned, else current) fallback, spoken as the call was. */
  async function answerFlowFallback(flowId: string | undefined, callSid: string | undefined, log: Logger): Promise<string> {
    let record: CallRecord | undefined;
    let published: PublishedFlow | undefined;
    try {
      // the store may be what failed: give it a moment, not the caller's patience
      await withDeadline(FALLBACK_READ_MS, async () => {
        record = callSid === undefined ? undefined : await store.getCall(callSid);
        if (record !== undefined) published = await flows.getVersion(record.flowId, record.state.flowVersion);
      });
    } catch (error) {
      log.error({ err: error }, 'fallback: could not read the call; using the configured fallback');
    }
    const pinnedFlowId = record?.flowId ?? flowId;
    published ??= pinnedFlowId === undefined ? undefined : flows.getCurrent(pinnedFlowId);
    const target = getFallbackTarget(published?.flow, record?.state.at, config.fallbackNumber);
    if (target.kind === 'none') log.error('fallback: no fallback number and no person in the flow; the caller hears an apology and is asked to call again');
    else log.warn({ target: target.kind }, 'caller routed to the fallback');
    if (callSid !== undefined) {
      const at = deps.now();
      void store.recordEvent(callSid, { type: 'fallback', reason: target.kind }, at).catch(() => undefined);
      void store.updateCallSummary(callSid, { at, fallback: true }).catch(() => undefined);
    }
    // a call that never got a state speaks the language the interpreter would have started it in
    const language = record?.state.language ?? (published === undefined ? DEFAULTS.language : getDefaultLanguage(published.flow));
    return renderFallback(target, { language, settings: published?.flow.settings });
  }

  return {
    /** The Voice URL: a new call pins the flow's current version; a repeated one gets its first answer again. */
    answerVoice(flowId: string, caller: CallInfo, log: Logger, test?: TestCall): Promise<string> {
      return withDeadline(deps.deadlineMs, async (deadline) => {
        const published = flows.getCurrent(flowId);
        if (published === undefined) {
          // a duplicate of a call whose flow has gone since still gets its first answer
          const replay = await getEntryReplay(caller.callSid, log);
          if (replay !== undefined) return replay;
          throw new UnknownFlowError(flowId);
        }
        const run = createRun(published, test);
        const first = runInterpreter(() => interpreter.startCall(published.flow, caller, run.options));
        // A duplicate is found by the save (a new call is saved only while no call has its sid) and gets the stored
        // answer: reading first cost every call a store round trip. A look-up (someone else's API) is not repeated for one.
        if (first.wait.kind === 'lookup') {
          const replay = await getEntryReplay(caller.callSid, log);
          if (replay !== undefined) return replay;
        }
        const settled = await settleStep(published, first, deadline, run);
        return answer(log, published, undefined, ENTRY_SEQ, { type: 'start' }, undefined, settled, run.test);
      });
    },

    /** A wait's action (Gather, Dial, Enqueue, Record): the outcome goes to the interpreter. */
    answerStep(seq: number, callSid: string, input: StepInput, log: Logger, test?: TestCall): Promise<string> {
      return withDeadline(deps.deadlineMs, async (deadline) => {
        const found = await getRecordAt(callSid, seq, true);
        if ('replay' in found) {
          log.info({ seq }, 'duplicate webhook: answered the stored TwiML');
          return found.replay;
        }
        const { record } = found;
        if (record.wait.kind === 'end') return renderHangup();
        const queueLeave = record.wait.kind === 'queue' ? await store.getQueueLeave(callSid, seq) : undefined;
        const outcome = toStepOutcome(record.wait, input, queueLeave);
        if (outcome.type === 'hungUp') {
          const at = deps.now();
          await store.recordEvent(callSid, { type: 'hangup', nodeId: record.wait.nodeId, reason: outcome.reason }, at);
          await store.updateCallSummary(callSid, getHangupSummary(record, at));
          return renderHangup();
        }
        const published = await getPinnedFlow(record);
        const run = createRun(published, test);
        const first = runInterpreter(() => interpreter.continueCall(published.flow, record.state, outcome.event, run.options));
        // A look-up is a request to someone else's API: the call is read again first, so a duplicate another replica
        // answered never repeats it (the record may be this replica's own last save).
        if (first.wait.kind === 'lookup') {
          const again = await getRecordAt(callSid, seq);
          if ('replay' in again) {
            log.info({ seq }, 'duplicate webhook: answered the stored TwiML');
            return again.replay;
          }
        }
        const settled = await settleStep(published, first, deadline, run);
        return answer(log, published, record, seq, outcome.event, input, settled, run.test);
      });
    },

    /** Enqueue's wait URL: announcements and the callback offer; the call's state does not change. */
    answerQueueHold(seq: number, callSid: string, place: QueuePlace): Promise<string> {
      return withDeadline(deps.deadlineMs, async () => {
        const found = await getRecordAt(callSid, seq);
        if ('replay' in found || found.record.wait.kind !== 'queue') throw new StaleWebhookError(`call ${callSid} is not holding at seq ${seq}`);
        const { record } = found;
        const wait = record.wait as Extract<CallRecord['wait'], { kind: 'queue' }>;
        const published = await flows.getVersion(record.flowId, record.state.flowVersion);
        const urls = getWaitUrls(config.publicBaseUrl, record.flowId, seq);
        if (wait.maxWait !== undefined && place.waitedSeconds !== undefined && place.waitedSeconds >= wait.maxWait) {
          await store.setQueueLeave(callSid, seq, 'timeout');
        }
        return renderQueueHold(wait, place, { urls, phrases: { language: record.state.language, settings: published?.flow.settings } });
      });
    },

    /** The key pressed while holding: the callback key leaves the queue (the Enqueue action then hears `leave`). */
    answerQueueKey(seq: number, callSid: string, digits: string): Promise<string> {
      return withDeadline(deps.deadlineMs, async () => {
        const found = await getRecordAt(callSid, seq);
        if ('replay' in found || found.record.wait.kind !== 'queue') throw new StaleWebhookError(`call ${callSid} is not holding at seq ${seq}`);
        const urls = getWaitUrls(config.publicBaseUrl, found.record.flowId, seq);
        const keyed = renderQueueKey(found.record.wait, digits, urls);
        if (keyed.leave) await store.setQueueLeave(callSid, seq, 'callback');
        return keyed.twiml;
      });
    },

    /** The whisper the agent hears: what the caller already chose and entered. */
    answerWhisper(seq: number, callSid: string): Promise<string> {
      return withDeadline(deps.deadlineMs, async () => {
        const record = await store.getCall(callSid);
        const wait = record?.wait;
        const whisper = wait !== undefined && (wait.kind === 'dial' || wait.kind === 'queue') && record?.state.seq === seq ? wait.whisper : '';
        return renderWhisper(whisper);
      });
    },

    /**
     * An agent dialling the queue `queue`: the whisper of the caller holding longest in it (whatever the flow),
     * who is the one Twilio hands this agent unless another agent's dial takes that caller first.
     */
    answerAgentQueue(queue: string): Promise<string> {
      return withDeadline(deps.deadlineMs, async () => {
        const head = await store.getQueueHead(queue);
        const whisper = head?.wait.kind === 'queue' ? head.wait.whisper : undefined;
        return renderAgentQueue(whisper, queue, getQueueConnectUrl(config.publicBaseUrl, head?.callSid));
      });
    },

    /**
     * Twilio's <Queue url>, on the dequeued caller's leg just before the bridge: the caller leaves the queue's
     * head, so the next agent is whispered about the next caller. Two agents dialling at once are both whispered
     * about the same head and only one gets that caller; this is where the other one's mismatch shows.
     */
    answerQueueConnect(whisperedCallSid: string | undefined, callSid: string, log: Logger): Promise<string> {
      return withDeadline(deps.deadlineMs, async () => {
        await store.removeFromQueue(callSid);
        if (whisperedCallSid !== callSid) {
          log.info({ whisperedCallSid: whisperedCallSid ?? null }, 'an agent took a caller from the queue after a whisper about another caller (or about nobody)');
        }
        return renderEmpty();
      });
    },

    /** An apology and a person, for anything that went wrong; never throws. */
    async answerFallback(flowId: string | undefined, callSid: string | undefined, log: Logger): Promise<string> {
      try {
        return await answerFlowFallback(flowId, callSid, log);
      } catch (error) {
        log.error({ err: error }, 'fallback: the flow\'s fallback failed; using the configured number');
        const number = config.fallbackNumber;
        return renderFallback(number === undefined ? { kind: 'none' } : { kind: 'number', number }, { language: DEFAULTS.language, settings: undefined });
      }
    },

    /** A status callback; `completed` (and every other final status) stays, late ones are ignored. */
    async recordStatus(callSid: string, status: CallStatus, log: Logger): Promise<void> {
      // a final status is the call's hangup for analytics: written with the status, one store round trip
      const hangup: CallEventRecord | undefined = FINAL_STATUSES.has(status) ? { type: 'hangup', reason: status } : undefined;
      const result = await store.setStatus(callSid, status, deps.now(), hangup);
      if (!result.applied) {
        log.info({ status, kept: result.status }, 'status callback ignored (the call already has a later or final status)');
        return;
      }
      log.info({ status }, `call status ${status}`);
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
