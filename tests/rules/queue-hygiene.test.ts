import rule from '../../core/lint/rules/queue-hygiene.ts';
import type { FlowNode, NodeOfKind } from '../../core/schema/flow.ts';
import { callback, cleanLine, hangup, hours, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

/** A menu whose 0 puts the caller in queue `hold`, with a person, voicemail, a call back and a goodbye to send them on to. */
const withQueue = (hold: NodeOfKind<'queue'>, extra: Record<string, FlowNode> = {}) =>
  makeFlow('main', {
    main: menu({ '0': 'hold' }, { fallback: 'hold' }),
    hold,
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
    cb: callback(),
    bye: hangup('Goodbye.'),
    ...extra,
  });

const waiting = (maxWait: number, timeout?: string): NodeOfKind<'queue'> => ({ ...queue({ full: 'vm' }), maxWait, on: { full: 'vm', ...(timeout ? { timeout } : {}) } });

testRule(rule, {
  valid: [
    { name: 'no queue at all', flow: cleanLine() },
    { name: 'a full queue sends callers to voicemail', flow: withQueue({ ...queue({ full: 'vm' }), capacity: 5 }) },
    { name: 'a full queue sends callers to another person', flow: withQueue({ ...queue({ full: 'agent' }), capacity: 5 }) },
    { name: 'a long wait goes to a call back', flow: withQueue(waiting(300, 'cb')) },
    {
      name: 'a long wait goes to a person by day and voicemail by night: no caller choice either way',
      flow: withQueue(waiting(300, 'open'), { open: hours('agent', 'vm') }),
    },
    // everySeconds 178 + "Thank you for holding." 1.6 s = 179.6 s, within 180.
    { name: 'updates every 179.6 s, within 180', flow: withQueue({ ...queue({ full: 'vm' }), announce: { position: true, everySeconds: 178 }, hold: { prompt: 'Thank you for holding.' } }) },
    { name: 'a queue that announces nothing is queue-wait-announcement\'s finding', flow: withQueue({ ...queue({ full: 'vm' }), announce: { everySeconds: 600 } }) },
    { name: 'no capacity, no maxWait: no overflow to check', flow: withQueue(queue({})) },
  ],
  invalid: [
    {
      // everySeconds 178 + "Thank you for holding, we value your call." 3.2 s = 181.2 s.
      name: 'updates further apart than 180 s, counting the hold prompt of each round',
      flow: withQueue({ ...queue({ full: 'vm' }), announce: { position: true, everySeconds: 178 }, hold: { prompt: 'Thank you for holding, we value your call.' } }),
      errors: [{ messageId: 'slowUpdates', nodeId: 'hold', message: 'Callers in queue "support" hear their position or wait again only every 181 s or more: announce it at least every 180 s' }],
    },
    {
      // The runtime's own 60 s, + "Press 1 for a call back." 2.4 s = 62.4 s.
      name: 'without everySeconds the runtime repeats every 60 s: the check follows it',
      flow: withQueue({ ...queue({ full: 'vm' }), announce: { estimatedWait: true }, callbackOffer: { key: '1', prompt: 'Press 1 for a call back.', next: 'cb' } }),
      options: { maxUpdateSeconds: 60 },
      errors: [{ messageId: 'slowUpdates', nodeId: 'hold', message: 'every 62 s or more: announce it at least every 60 s' }],
    },
    {
      name: 'a full queue sends callers back to the menu: a choice, not help',
      flow: withQueue({ ...queue({ full: 'main' }), capacity: 5 }),
      errors: [{ messageId: 'fullWithoutHelp', nodeId: 'hold', message: 'When queue "support" is full', path: ['main', 'hold', 'main'], end: 'open' }],
    },
    {
      name: 'a full queue with on.full left out hangs up',
      flow: withQueue({ ...queue({}), capacity: 5 }),
      errors: [{ messageId: 'fullWithoutHelp', nodeId: 'hold', path: ['main', 'hold'], end: 'hangup' }],
    },
    {
      name: 'a long wait ends with a goodbye',
      flow: withQueue(waiting(300, 'bye')),
      errors: [{ messageId: 'hangsUpOnWait', nodeId: 'hold', message: 'Queue "support" hangs up on callers who have waited 300 s', path: ['main', 'hold', 'bye'], end: 'hangup' }],
    },
    {
      name: 'a maxWait with no on.timeout hangs up',
      flow: withQueue(waiting(120)),
      errors: [{ messageId: 'hangsUpOnWait', nodeId: 'hold', message: 'waited 120 s', path: ['main', 'hold'], end: 'hangup' }],
    },
    {
      name: 'a long wait goes back to the menu',
      flow: withQueue(waiting(300, 'main')),
      errors: [{ messageId: 'timeoutWithoutHelp', nodeId: 'hold', message: 'Callers who wait 300 s in queue "support" are not sent to a person', path: ['main', 'hold', 'main'] }],
    },
    {
      name: 'a long wait goes to a person by day but hangs up at night',
      flow: withQueue(waiting(300, 'open'), { open: hours('agent', 'bye') }),
      errors: [{ messageId: 'timeoutWithoutHelp', nodeId: 'hold', path: ['main', 'hold', 'open'] }],
    },
  ],
});
