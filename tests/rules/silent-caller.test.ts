import rule from '../../core/lint/rules/silent-caller.ts';
import { cleanLine, hangup, http, makeFlow, menu, say, transfer, voicemail, input } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };

testRule(rule, {
  valid: [
    { name: 'silence and nonsense go to an agent', flow: cleanLine() },
    {
      name: 'silence on a submenu goes back one level, then to the agent',
      flow: makeFlow('main', {
        main: menu({ '1': 'sub', '0': 'agent' }, { fallback: 'agent' }),
        sub: menu({ '1': 'agent', '0': 'agent' }, { fallback: 'main' }),
        ...agentNodes,
      }),
    },
    {
      name: 'speech no option matches goes to an agent too',
      flow: makeFlow('main', { main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), speech: { next: 'agent' } }, ...agentNodes }),
    },
    {
      name: 'an environment loop is endless-loop\'s to report, not this rule\'s',
      flow: makeFlow('lookup', { lookup: http({ ok: 'main', failed: 'wait', timeout: 'wait' }), wait: say('lookup'), main: menu({ '0': 'agent' }, { fallback: 'agent' }), ...agentNodes }),
    },
  ],
  invalid: [
    {
      name: 'silence re-asks the same menu forever',
      flow: makeFlow('welcome', { welcome: say('main'), main: menu({ '0': 'agent' }, { noInput: 'main', noMatch: 'agent' }), ...agentNodes }),
      errors: [{ messageId: 'silentLoop', nodeId: 'main', path: ['welcome', 'main', 'main'], end: 'loop', scenario: 'silent-caller' }],
    },
    {
      name: 'wrong keys hang up',
      flow: makeFlow('main', { main: menu({ '0': 'agent' }, { noInput: 'agent', noMatch: 'bye' }), ...agentNodes }),
      errors: [{ messageId: 'confusedHangup', nodeId: 'main', path: ['main', 'bye'], end: 'hangup', scenario: 'confused-caller' }],
    },
    {
      name: 'speech no option matches hangs up, though wrong keys reach an agent (the confused caller may say anything)',
      flow: makeFlow('main', { main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), speech: { next: 'bye' } }, ...agentNodes }),
      errors: [{ messageId: 'confusedHangup', nodeId: 'main', path: ['main', 'bye'], end: 'hangup', scenario: 'confused-caller' }],
    },
    {
      name: 'a submenu reached by a key traps the silent caller (checked from every node)',
      flow: makeFlow('main', {
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: input('agent', { noInput: 'account', invalid: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'silentLoop', nodeId: 'account', path: ['main', 'account', 'account'], end: 'loop' }],
    },
    {
      name: 'silence bounces through four menus before a person',
      flow: makeFlow('m1', {
        m1: menu({ '0': 'agent' }, { noInput: 'm2', noMatch: 'agent' }),
        m2: menu({ '0': 'agent' }, { noInput: 'm3', noMatch: 'agent' }),
        m3: menu({ '0': 'agent' }, { noInput: 'm4', noMatch: 'agent' }),
        m4: menu({ '0': 'agent' }, { noInput: 'agent', noMatch: 'agent' }),
        ...agentNodes,
      }),
      // The environment makes it worse: the agent does not answer either.
      errors: [{ messageId: 'silentTooFar', nodeId: 'm1', path: ['m1', 'm2', 'm3', 'm4', 'agent', 'vm'], end: 'followUp', message: '4 steps' }],
    },
  ],
});

// The issue's own fixtures, as filed: the flow JSON exactly.
const fromJson = (json: string) => JSON.parse(json);
const queueOfferBackToMenu = fromJson(
  '{"entry":"m","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"q"},"noMatch":{"next":"q"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"callbackOffer":{"key":"1","next":"m"},"on":{"full":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}',
);
const queueOfferUnconnected = fromJson(
  '{"entry":"m","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"q"},"noMatch":{"next":"q"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"callbackOffer":{"key":"1"},"on":{"full":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}',
);
const loopBehindDeadEnd = fromJson(
  '{"entry":"e","nodes":{"e":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"t"},{"key":"1","next":"c"}],"noInput":{"next":"t"},"noMatch":{"next":"t"}},"c":{"kind":"condition","test":{"type":"split","percent":50},"then":"m"},"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"t"}],"noInput":{"next":"m"},"noMatch":{"next":"t"}},"t":{"kind":"transfer","to":{"number":"+34910000000"},"on":{"busy":"vm","noAnswer":"vm","failed":"vm"}},"vm":{"kind":"voicemail","prompt":"leave"}}}',
);
// Found by the property test (seed 1): n8 is first reached from n1, yet was reported on a walk through n6 that presses 1 at n8.
const culpritReachedEarlier = fromJson(
  '{"entry":"n1","nodes":{"n0":{"kind":"menu","prompt":"Please choose an option.","options":[{"key":"1","next":"n0"}]},"n1":{"kind":"input","prompt":"Enter your account number.","variable":"account","next":"n0","invalid":{"next":"n8"}},"n2":{"kind":"say","prompt":"Thank you for calling.","next":"n3"},"n3":{"kind":"menu","prompt":"Please choose an option.","options":[{"key":"1","next":"n0"}],"noMatch":{"next":"n8"}},"n6":{"kind":"input","prompt":"Enter your account number.","variable":"account","next":"n0","invalid":{"next":"n3"}},"n8":{"kind":"menu","prompt":"Please choose an option.","options":[{"key":"1","next":"n6"}],"noMatch":{"next":"n2"}}}}',
);
const loopThroughValidInput = fromJson(
  '{"entry":"t","nodes":{"t":{"kind":"transfer","to":{"number":"+34910000000"},"on":{"busy":"i","noAnswer":"vm"}},"i":{"kind":"input","prompt":"Account number?","variable":"a","next":"m","noInput":{"next":"vm"},"invalid":{"next":"vm"}},"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"t"}],"noInput":{"next":"vm"},"noMatch":{"next":"t"}},"vm":{"kind":"voicemail","prompt":"leave"}}}',
);

testRule(rule, {
  valid: [
    // Pressing for a call back is the caller's move: the silent and the confused caller wait, and the full queue books one.
    { name: 'a callback offer back to the menu (issue 14, fault 2)', flow: queueOfferBackToMenu },
    { name: 'a callback offer with no route on does not hang up the caller who never presses it (issue 14, fault 2)', flow: queueOfferUnconnected },
  ],
  invalid: [
    {
      name: 'a silent caller looping behind a dead end is reported on its own (issue 14, fault 3)',
      flow: loopBehindDeadEnd,
      errors: [{ messageId: 'silentLoop', nodeId: 'm', path: ['e', 'c', 'm', 'm'], end: 'loop', scenario: 'silent-caller' }],
    },
    {
      // Valid digits at i are how the call got to m; from m the confused caller goes back to t, where the unconnected failure hangs up.
      name: 'the confused caller is not said to loop through a step it never takes (issue 14, fault 4)',
      flow: loopThroughValidInput,
      errors: [{ messageId: 'confusedHangup', nodeId: 'm', path: ['t', 'i', 'm', 't'], end: 'hangup', scenario: 'confused-caller' }],
    },
    {
      // The walk to the blamed node is the shortest one, and from it on the confused caller only presses wrong keys.
      name: 'a confused-caller loop is shown from the node it is reported at, reached the shortest way (issue 14, fault 4)',
      flow: culpritReachedEarlier,
      errors: [
        { messageId: 'silentHangup', nodeId: 'n1', path: ['n1'], end: 'hangup', scenario: 'silent-caller' },
        { messageId: 'silentHangup', nodeId: 'n0', path: ['n1', 'n0'], end: 'hangup', scenario: 'silent-caller' },
        { messageId: 'silentHangup', nodeId: 'n8', path: ['n1', 'n8'], end: 'hangup', scenario: 'silent-caller' },
        { messageId: 'confusedHangup', nodeId: 'n0', path: ['n1', 'n0'], end: 'hangup', scenario: 'confused-caller' },
        { messageId: 'confusedLoop', nodeId: 'n8', path: ['n1', 'n8', 'n2', 'n3', 'n8'], end: 'loop', scenario: 'confused-caller' },
        { messageId: 'silentHangup', nodeId: 'n6', path: ['n1', 'n8', 'n6'], end: 'hangup', scenario: 'silent-caller' },
        { messageId: 'silentHangup', nodeId: 'n3', path: ['n1', 'n8', 'n6', 'n3'], end: 'hangup', scenario: 'silent-caller' },
        { messageId: 'confusedLoop', nodeId: 'n3', path: ['n1', 'n8', 'n6', 'n3', 'n8', 'n2', 'n3'], end: 'loop', scenario: 'confused-caller' },
      ],
    },
  ],
});

// A queue whose wait timeout re-enters it: whoever never presses the offer's key waits, times out and queues again for ever.
const queueTimeoutBackToItself = (entry: 'm' | 'q') =>
  fromJson(
    `{"entry":"${entry}","nodes":{"m":{"kind":"menu","prompt":"p","options":[{"key":"0","next":"q"}],"noInput":{"next":"t"},"noMatch":{"next":"t"}},"q":{"kind":"queue","queue":"support","announce":{"position":true},"maxWait":60,"callbackOffer":{"key":"1","next":"cb"},"on":{"full":"cb","timeout":"q"}},"t":{"kind":"transfer","to":{"number":"+34910000000"},"on":{"busy":"cb","noAnswer":"cb","failed":"cb"}},"cb":{"kind":"callback","prompt":"We will call you back."}}}`,
  );

testRule(rule, {
  valid: [{ name: 'a queue that times out into a call back', flow: { ...queueTimeoutBackToItself('m'), nodes: { ...queueTimeoutBackToItself('m').nodes, q: { kind: 'queue', queue: 'support', announce: { position: true }, maxWait: 60, callbackOffer: { key: '1', next: 'cb' }, on: { full: 'cb', timeout: 'cb' } } } } }],
  invalid: [
    {
      name: 'a caller who pressed 0 and then holds in silence re-enters a queue that times out into itself for ever',
      flow: queueTimeoutBackToItself('m'),
      errors: [
        { messageId: 'silentLoop', nodeId: 'q', path: ['m', 'q', 'q'], end: 'loop', scenario: 'silent-caller' },
        { messageId: 'confusedLoop', nodeId: 'q', path: ['m', 'q', 'q'], end: 'loop', scenario: 'confused-caller' },
      ],
    },
    {
      name: 'a call that starts in such a queue loops for the silent caller with no menu before it',
      flow: queueTimeoutBackToItself('q'),
      errors: [
        { messageId: 'silentLoop', nodeId: 'q', path: ['q', 'q'], end: 'loop', scenario: 'silent-caller' },
        { messageId: 'confusedLoop', nodeId: 'q', path: ['q', 'q'], end: 'loop', scenario: 'confused-caller' },
      ],
    },
  ],
});
