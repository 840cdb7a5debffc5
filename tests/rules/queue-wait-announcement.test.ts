import rule from '../../core/lint/rules/queue-wait-announcement.ts';
import type { NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLine, makeFlow, menu, queue, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const withQueue = (hold: NodeOfKind<'queue'>) =>
  makeFlow('main', { main: menu({ '0': 'hold' }, { fallback: 'hold' }), hold, vm: voicemail() });

const { announce: _announce, ...silentQueue } = queue({ full: 'vm' });

testRule(rule, {
  valid: [
    { name: 'no queue at all', flow: cleanLine() },
    { name: 'position and wait announced', flow: withQueue(queue({ full: 'vm' })) },
    { name: 'only the estimated wait announced', flow: withQueue({ ...silentQueue, announce: { estimatedWait: true } }) },
  ],
  invalid: [
    {
      name: 'no announce at all',
      flow: withQueue(silentQueue),
      errors: [{ messageId: 'noAnnouncement', nodeId: 'hold', severity: 'warning', message: 'queue "support"' }],
    },
    {
      name: 'announce that only sets a period, with both switched off',
      flow: withQueue({ ...silentQueue, announce: { position: false, estimatedWait: false, everySeconds: 60 } }),
      errors: [{ messageId: 'noAnnouncement', nodeId: 'hold' }],
    },
  ],
});
