import { describe, expect, it } from 'vitest';
import { toNodeIds } from '../../core/graph/path.ts';
import rule from '../../core/lint/rules/seconds-to-person.ts';
import secondsToHuman from '../../core/lint/rules/seconds-to-human.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { callback, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

/**
 * A caller presses 0, a transfer rings 40 s, then a queue offers a call back. By hand, at 2.5 words a second:
 * - hold (queue): full → vm at once: 0.8 s ("Please hold." 2 words); the offer: 0.8 s, then the runtime's
 *   position ("You are number {{position}} in line." 6 words, 2.4 s) and estimated wait ("The estimated wait is
 *   about {{minutes}} minutes." 7 words, 2.8 s), then "Press 1 for a call back." (6 words, 2.4 s):
 *   0.8 + 2.4 + 2.8 + 2.4 = 8.4 s. The environment picks the larger: 8.4 s.
 * - agent (transfer): "Connecting you now." 1.2 s; busy or failed 1.2 + 8.4 = 9.6 s; no answer after 40 s of ringing
 *   1.2 + 40 + 8.4 = 49.6 s. Worst: 49.6 s, shown as 50.
 * - main (menu, "Please choose an option." 1.6 s): press 0, 1.6 + 49.6 = 51.2 s; silence 3 × (1.6 + 5) + 49.6 = 69.4 s.
 *   The caller picks the smaller: 51.2 s, shown as 51.
 */
const ringThenQueue = (): Flow =>
  makeFlow('main', {
    main: menu({ '0': 'agent' }, { fallback: 'agent' }),
    agent: { ...transfer({ onFailure: 'hold' }), prompt: 'Connecting you now.', timeout: 40 },
    hold: {
      ...queue({ full: 'vm' }),
      prompt: 'Please hold.',
      announce: { position: true, estimatedWait: true },
      callbackOffer: { key: '1', prompt: 'Press 1 for a call back.', next: 'cb' },
      capacity: 5,
    },
    vm: voicemail(),
    cb: callback(),
  });

/** A transfer ringing the default 30 s, then a queue that holds up to `maxWait` s before voicemail. */
const ringThenWait = (maxWait: number, offer = false): Flow =>
  makeFlow('main', {
    main: menu({ '0': 'agent' }, { fallback: 'agent' }),
    agent: transfer({ onFailure: 'hold' }),
    hold: {
      ...queue({ full: 'vm' }),
      maxWait,
      on: { full: 'vm', timeout: 'vm' },
      ...(offer ? { callbackOffer: { key: '1', next: 'cb' } } : {}),
    },
    vm: voicemail(),
    cb: callback(),
  });

/** A queue with neither a maximum wait nor a callback offer. */
const endlessQueue = (): Flow =>
  makeFlow('main', { main: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ onFailure: 'hold' }), hold: queue({ full: 'vm' }), vm: voicemail() });

testRule(rule, {
  valid: [
    { name: 'ringing 40 s then a call back offer: 50 s from the request', flow: ringThenQueue() },
    { name: 'ringing 30 s then holding 120 s: 150 s, within 180', flow: ringThenWait(120) },
    { name: 'the offer is heard on entering the queue, long before a 600 s wait ends', flow: ringThenWait(600, true), options: { maxSeconds: 60 } },
    { name: 'from the request, the menu before it does not count', flow: ringThenQueue(), options: { maxSeconds: 50 } },
  ],
  invalid: [
    {
      name: 'ringing the full timeout counts: 50 s over a 45 s budget, reported at the transfer',
      flow: ringThenQueue(),
      options: { maxSeconds: 45 },
      errors: [
        {
          messageId: 'tooSlow',
          nodeId: 'agent',
          message: 'about 50 s away, ringing and holding included; the budget is 45 s',
          path: ['main', 'agent', 'hold', 'cb'],
          end: 'followUp',
          scenario: 'worst-case',
        },
      ],
    },
    {
      name: 'from anywhere, the entry counts too: 51.2 s at the menu, reported there once',
      flow: ringThenQueue(),
      options: { maxSeconds: 50, from: 'anywhere' },
      errors: [{ messageId: 'tooSlow', nodeId: 'main', message: 'about 51 s away', path: ['main', 'agent', 'hold', 'cb'], scenario: 'worst-case' }],
    },
    {
      name: 'the transfer\'s default 30 s ring and the queue\'s maxWait count: 150 s',
      flow: ringThenWait(120),
      options: { maxSeconds: 120 },
      errors: [{ messageId: 'tooSlow', nodeId: 'agent', message: 'about 150 s away', path: ['main', 'agent', 'hold', 'vm'], end: 'followUp' }],
    },
    {
      name: 'a queue with neither maxWait nor a call back offer can hold a caller for ever',
      flow: endlessQueue(),
      errors: [{ messageId: 'noLimit', nodeId: 'hold', message: 'Callers can wait in queue "support" with no limit: set maxWait with on.timeout, or offer a call back.' }],
    },
  ],
});

describe('seconds-to-person proof', () => {
  const prove = (flow: Flow, options: Record<string, unknown> = {}) =>
    rule.prove!({ flow, analysis: analyzeFlow(FlowSchema.parse(flow)), options: rule.meta.options.parse(options), maxSteps: 3 });

  it('states the worst bound from a request, the limit and the route attaining it', () => {
    const proof = prove(ringThenQueue());
    expect(proof).toMatchObject({ bound: 50, limit: 180, unit: 'seconds', nodeId: 'agent' });
    expect(toNodeIds(proof!.path!)).toEqual(['main', 'agent', 'hold', 'cb']);
  });

  it('from anywhere, the entry bounds it', () => {
    expect(prove(ringThenQueue(), { from: 'anywhere', maxSeconds: 300 })).toMatchObject({ bound: 51, limit: 300, nodeId: 'main' });
  });

  it('counts what seconds-to-human leaves out: the same flow is 4 s away for it', () => {
    const flow = ringThenQueue();
    const analysis = analyzeFlow(FlowSchema.parse(flow));
    const human = secondsToHuman.prove!({ flow, analysis, options: secondsToHuman.meta.options.parse({}), maxSteps: 3 });
    // No ringing nor holding: agent 1.2 s of prompt, then hold's 0.8 s to vm: 2 s; main 1.6 + 2 = 3.6 s.
    expect(human).toMatchObject({ bound: 4, nodeId: 'main' });
  });

  it('proves nothing finite when the only queue holds for ever', () => {
    expect(prove(endlessQueue())).toBeUndefined();
  });
});
