import rule from '../../core/lint/rules/queue-callback-offer.ts';
import type { NodeOfKind } from '../../core/schema/flow.ts';
import { callback, cleanLine, makeFlow, menu, queue, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const withQueues = (queues: Record<string, NodeOfKind<'queue'>>) =>
  makeFlow('main', { main: menu({ '0': 'hold' }, { fallback: 'hold' }), ...queues, vm: voicemail(), cb: callback() });

testRule(rule, {
  valid: [
    { name: 'no queue at all', flow: cleanLine() },
    { name: 'a queue that offers a call back', flow: withQueues({ hold: { ...queue({ full: 'vm' }), callbackOffer: { key: '1', next: 'cb' } } }) },
  ],
  invalid: [
    {
      name: 'a queue without a callback offer',
      flow: withQueues({ hold: queue({ full: 'vm' }) }),
      errors: [{ messageId: 'noCallbackOffer', nodeId: 'hold', severity: 'warning', message: 'Queue "support"' }],
    },
    {
      name: 'each queue without one, the overflow queue too',
      flow: withQueues({ hold: queue({ full: 'overflow' }), overflow: { ...queue({ full: 'vm' }), queue: 'overflow' } }),
      errors: [
        { messageId: 'noCallbackOffer', nodeId: 'hold' },
        { messageId: 'noCallbackOffer', nodeId: 'overflow', message: 'Queue "overflow"' },
      ],
    },
  ],
});
