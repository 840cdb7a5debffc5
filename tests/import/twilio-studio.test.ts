import { describe, expect, it } from 'vitest';
import { importFlow, importTwilioStudio, NO_TRIGGER_MESSAGE } from '../../core/import/index.ts';
import { expectImported, findingsOf, getNode, loadFixture } from './helpers.ts';

describe('Twilio Studio import: a typical IVR', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('studio-ivr.json')));

  it('names the flow after the export and enters where the incoming call goes', () => {
    expect(flow.name).toBe('Acme main line');
    expect(flow.entry).toBe('lookup_customer');
    expect(flow.nodes).not.toHaveProperty('Trigger');
  });

  it('turns the gather and the splits on its Digits and SpeechResult into one menu', () => {
    const menu = getNode(flow, 'main_menu', 'menu');
    expect(menu.prompt).toBe('Thanks for calling Acme. Press 1 for sales, 2 for support, or 0 for an agent.');
    // a choice reached by a key or by speech is one option with both
    expect(menu.options).toEqual([
      { key: '1', phrases: ['sales', 'buy'], next: 'connect_sales' },
      { key: '2', phrases: ['support'], next: 'support_queue' },
      { key: '0', phrases: ['agent', 'operator', 'representative'], next: 'agent_queue' },
    ]);
    expect(menu.speech).toEqual({ language: 'en-US', hints: ['sales', 'support', 'agent'] });
    expect(menu.timeout).toBe(6);
    // the splits are gone: the menu is the caller's one step
    expect(flow.nodes).not.toHaveProperty('menu_keys');
    expect(flow.nodes).not.toHaveProperty('menu_speech');
  });

  it('wires the gather timeout to no input, and the split noMatch that loops back to the gather to the menu\'s own retries', () => {
    const menu = getNode(flow, 'main_menu', 'menu');
    expect(menu.noInput).toEqual({ retries: 0, next: 'agent_queue' });
    // Studio's loop never ends: after the retries the menu starts again
    expect(menu.noMatch).toEqual({ retries: 2, next: 'main_menu' });
  });

  it('maps the data dip, the other split and the human widgets', () => {
    expect(getNode(flow, 'lookup_customer', 'http')).toMatchObject({
      // the caller's number as humanline fills it in, and the answer saved where the split reads it
      request: { url: 'https://api.acme.example/customers/lookup?phone={{caller.from}}', method: 'GET' },
      saveAs: 'widgets.lookup_customer.parsed',
      on: { ok: 'check_vip', failed: 'main_menu', timeout: 'main_menu' },
    });
    expect(getNode(flow, 'check_vip', 'condition')).toEqual({
      kind: 'condition',
      test: { type: 'variable', variable: 'widgets.lookup_customer.parsed.tier', op: 'eq', value: 'vip' },
      then: 'connect_vip_desk',
      else: 'main_menu',
    });
    expect(getNode(flow, 'connect_sales', 'transfer')).toMatchObject({ to: { number: '+14155550100' }, timeout: 20, on: {} });
    expect(getNode(flow, 'connect_vip_desk', 'transfer')).toMatchObject({ to: { sip: 'sip:vip-desk@acme.sip.twilio.com' }, on: { answered: 'agent_queue' } });
    expect(getNode(flow, 'support_queue', 'queue')).toMatchObject({ queue: 'support', on: { full: 'voicemail_prompt' } });
    expect(getNode(flow, 'agent_queue', 'queue').on).toEqual({ full: 'voicemail_prompt' });
    expect(getNode(flow, 'take_message', 'voicemail')).toMatchObject({ maxLength: 120, transcribe: true, next: 'goodbye' });
    // Studio has no hangup widget: the unconnected audioComplete is the hang-up
    expect(getNode(flow, 'goodbye', 'say')).toEqual({ kind: 'say', prompt: 'Thank you. Goodbye.' });
  });

  it('keeps widget positions for the designer', () => {
    expect(flow.ui?.positions?.main_menu).toEqual({ x: 300, y: 640 });
    expect(Object.keys(flow.ui?.positions ?? {})).toHaveLength(Object.keys(flow.nodes).length);
  });

  it('loses no route: only the voicemail prompt placeholder is reported', () => {
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', nodeId: 'take_message' })]);
  });
});

describe('Twilio Studio import: refusals', () => {
  it('refuses a flow whose trigger does not answer calls, saying what starts it instead', () => {
    expect(importFlow(loadFixture('studio-no-trigger.json'))).toEqual({
      ok: false,
      format: 'twilio-studio',
      message: 'This is a Twilio Studio flow started by incomingMessage, not by a call (its trigger\'s incomingCall goes nowhere): there is no phone menu to check',
      routesNoCaller: true,
    });
    // nothing starts it at all: a call flow whose incomingCall was disconnected
    const disconnected = { states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall' }, { event: 'incomingMessage' }] }, { name: 'hello', type: 'say-play', transitions: [] }] };
    expect(importTwilioStudio(disconnected)).toMatchObject({ ok: false, message: NO_TRIGGER_MESSAGE });
    expect(NO_TRIGGER_MESSAGE).toBe('Twilio Studio flow has no trigger widget with an incomingCall transition: nothing answers a call');
  });

  it('refuses a flow with no trigger at all, and one whose call goes to a missing widget', () => {
    expect(importTwilioStudio({ states: [{ name: 'hello', type: 'say-play', transitions: [] }] })).toMatchObject({ ok: false, message: NO_TRIGGER_MESSAGE });
    const dangling = importTwilioStudio({ states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'gone' }] }] });
    expect(dangling).toMatchObject({ ok: false, format: 'twilio-studio' });
    expect(!dangling.ok && dangling.message).toContain('"gone"');
  });

  it('leaves a flow without a description nameless, so it goes by its file\'s id', () => {
    const states = [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'hello' }] }, { name: 'hello', type: 'say-play', properties: { say: 'Hello.' } }];
    const { flow } = expectImported(importTwilioStudio({ description: '  ', states }));
    expect(flow).toEqual({ entry: 'hello', nodes: { hello: { kind: 'say', prompt: 'Hello.' } } });
  });

  it('refuses, when forced, what has no states array', () => {
    expect(importFlow({ StartAction: 'x', Actions: [] }, 'twilio-studio')).toEqual({ ok: false, format: 'twilio-studio', message: 'Twilio Studio export has no "states" array' });
  });
});

describe('Twilio Studio import: odd exports', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('studio-odd.json')));

  it('sanitises widget names into node ids and keeps the name as the label', () => {
    expect(flow.entry).toBe('welcome_message');
    expect(getNode(flow, 'welcome_message', 'say')).toMatchObject({ label: 'welcome message', next: 'take_payment' });
  });

  it('keeps an unknown widget as a placeholder that keeps every transition, and names it', () => {
    expect(findingsOf(findings, 'take_payment')).toContainEqual(expect.stringMatching(/^warning: widget "take_payment" of type "capture-payments" has no humanline counterpart/));
    const targets = Object.entries(flow.nodes)
      .filter(([id]) => id === 'take_payment' || id.startsWith('take_payment.'))
      .flatMap(([, node]) => (node.kind === 'condition' ? [node.then, node.else] : []));
    expect(new Set(targets)).toEqual(new Set(['account_number', 'agent', 'take_payment.2', 'take_payment.3', 'take_payment.4', 'take_payment.5', undefined]));
  });

  it('reports a transition to a missing widget as a lost route and leaves it unconnected', () => {
    expect(findingsOf(findings, 'take_payment')).toContainEqual(expect.stringMatching(/^error: event "hangup" goes to "nowhere_widget", which is not in the export: left unconnected/));
  });

  it('turns a gather of many digits with no menu split into an input node', () => {
    expect(getNode(flow, 'account_number', 'input')).toMatchObject({ variable: 'widgets.account_number.Digits', maxDigits: 8, finishOnKey: '#', timeout: 7, next: 'check_account', noInput: { retries: 0, next: 'agent' } });
    expect(findingsOf(findings, 'account_number')).toEqual([expect.stringMatching(/^warning: gather "account_number" is not followed by a split/)]);
  });

  it('maps run-function, set-variables and add-twiml-redirect, reporting what is approximate', () => {
    expect(getNode(flow, 'check_account', 'http')).toMatchObject({ request: { url: 'https://acme-1234.twil.io/check-account', method: 'POST' }, on: { ok: 'remember', failed: 'agent', timeout: 'agent' } });
    expect(getNode(flow, 'remember', 'set').assign).toEqual({ account: '{{widgets.account_number.Digits}}', tries: 2 });
    expect(getNode(flow, 'legacy_twiml', 'http').request).toEqual({ url: 'https://studio.invalid/legacy_twiml', method: 'POST' });
    expect(findingsOf(findings, 'legacy_twiml')).toHaveLength(3);
  });

  it('reports duplicate widget names, unknown events and non-string targets', () => {
    expect(findingsOf(findings, 'agent_2')).toEqual([expect.stringMatching(/^error: "agent" is the name of more than one widget/)]);
    expect(getNode(flow, 'agent', 'transfer')).toMatchObject({ to: { client: '{{flow.variables.agent_number}}' }, on: { failed: 'welcome_message' } });
    expect(findingsOf(findings, 'agent')).toContainEqual(expect.stringMatching(/^error: event "somethingNew" goes to "sorry", but failed already goes to "welcome_message"/));
    expect(findingsOf(findings, 'sorry')).toContainEqual(expect.stringMatching(/^error: event "audioComplete" names its next step with a number/));
  });

  it('skips states without a name with a finding instead of failing', () => {
    expect(findings.filter((finding) => finding.nodeId === undefined).map((finding) => finding.message)).toEqual([
      'states[0] has no name, so nothing can route to it: skipped',
      'states[1] has no name, so nothing can route to it: skipped',
    ]);
  });
});

describe('Twilio Studio import: splits and gathers', () => {
  const trigger = { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'ask' }] };
  const gather = { name: 'ask', type: 'gather-input-on-call', transitions: [{ event: 'keypress', next: 'route' }, { event: 'timeout', next: 'desk' }], properties: { say: 'Press 1 or 2.' } };
  const desk = { name: 'desk', type: 'connect-call-to', transitions: [], properties: { noun: 'number', to: '+34910000000' } };

  it('keeps both routes of a gather whose keypress goes to a split on Digits and whose speech goes elsewhere', () => {
    const talking = { ...gather, transitions: [...gather.transitions, { event: 'speech', next: 'assistant' }] };
    const split = { name: 'route', type: 'split-based-on', transitions: [{ event: 'noMatch', next: 'desk' }, { event: 'match', next: 'desk', conditions: [{ type: 'equal_to', value: '1', arguments: ['{{widgets.ask.Digits}}'] }] }], properties: { input: '{{widgets.ask.Digits}}' } };
    const assistant = { name: 'assistant', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'desk' }], properties: { say: 'Let me put you through.' } };
    const { flow, findings } = expectImported(importFlow({ states: [trigger, talking, split, assistant, desk] }));
    const menu = getNode(flow, 'ask', 'menu');
    expect(menu.options).toEqual([{ key: '1', next: 'desk' }]);
    expect(menu.speech).toEqual({ next: 'assistant' });
    expect(menu.noMatch).toEqual({ retries: 0, next: 'desk' });
    expect(flow.nodes).not.toHaveProperty('route');
    expect(findings.map((finding) => finding.message)).not.toContainEqual(expect.stringMatching(/dropped/));
  });

  it('keeps both routes of a gather whose keypress goes straight on and whose speech goes elsewhere', () => {
    const talking = { ...gather, transitions: [{ event: 'keypress', next: 'desk' }, { event: 'speech', next: 'assistant' }], properties: { say: 'Enter your order number or tell us what you need.', number_of_digits: 6, speech_language: 'en-GB', hints: 'refund, delivery' } };
    const assistant = { name: 'assistant', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'desk' }], properties: { say: 'Let me put you through.' } };
    const { flow, findings } = expectImported(importFlow({ states: [trigger, talking, assistant, desk] }));
    const input = getNode(flow, 'ask', 'input');
    expect(input).toMatchObject({ variable: 'widgets.ask.Digits', maxDigits: 6, next: 'desk' });
    expect(input.speech).toEqual({ language: 'en-GB', hints: ['refund', 'delivery'], next: 'assistant' });
    expect(findings.map((finding) => finding.message)).not.toContainEqual(expect.stringMatching(/dropped/));
  });

  it('listens for speech at a gather whose keypress and speech both go straight on to the same widget', () => {
    const talking = { ...gather, transitions: [{ event: 'keypress', next: 'desk' }, { event: 'speech', next: 'desk' }], properties: { say: 'Enter your order number.', number_of_digits: 6 } };
    const { flow } = expectImported(importFlow({ states: [trigger, talking, desk] }));
    const input = getNode(flow, 'ask', 'input');
    expect(input.next).toBe('desk');
    expect(input.speech).toEqual({});
  });

  it('keeps a split that other widgets also route to, next to the menu', () => {
    const split = { name: 'route', type: 'split-based-on', transitions: [{ event: 'noMatch', next: 'desk' }, { event: 'match', next: 'desk', conditions: [{ type: 'equal_to', value: '1', arguments: ['{{widgets.ask.Digits}}'] }] }], properties: { input: '{{widgets.ask.Digits}}' } };
    const again = { name: 'again', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'route' }], properties: { say: 'Again.' } };
    const { flow } = expectImported(importFlow({ states: [trigger, gather, split, again, desk] }));
    expect(getNode(flow, 'ask', 'menu').options).toEqual([{ key: '1', next: 'desk' }]);
    expect(getNode(flow, 'route', 'condition').test).toEqual({ type: 'variable', variable: 'widgets.ask.Digits', op: 'eq', value: '1' });
  });

  it('chains the conditions of a many-way split on caller data, negating the opposite tests', () => {
    const split = {
      name: 'route',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch', next: 'desk' },
        { event: 'match', next: 'ask', conditions: [{ type: 'starts_with', value: '+34', arguments: ['{{trigger.call.From}}'] }] },
        { event: 'match', next: 'desk', conditions: [{ type: 'not_equal_to', value: 'ES', arguments: ['{{trigger.call.FromCountry}}'] }] },
        { event: 'match', next: 'ask', conditions: [{ type: 'is_after_time', value: '17:00', arguments: ['{{flow.variables.now}}'] }] },
      ],
      properties: { input: '{{trigger.call.From}}' },
    };
    const start = { ...trigger, transitions: [{ event: 'incomingCall', next: 'route' }] };
    const { flow, findings } = expectImported(importFlow({ states: [start, split, gather, desk] }));
    expect(flow.nodes.route).toEqual({ kind: 'condition', test: { type: 'caller', field: 'from', op: 'matches', value: '^\\+34' }, then: 'ask', else: 'route.2' });
    // not_equal_to: the test is "equals", so a caller from ES falls through
    expect(flow.nodes['route.2']).toEqual({ kind: 'condition', test: { type: 'caller', field: 'fromCountry', op: 'eq', value: 'ES' }, then: 'route.3', else: 'desk' });
    expect(flow.nodes['route.3']).toEqual({ kind: 'condition', test: { type: 'variable', variable: 'flow.variables.now', op: 'eq', value: '17:00' }, then: 'ask', else: 'desk' });
    expect(findingsOf(findings, 'route')).toEqual([
      expect.stringContaining('the comparison "is_after_time" has no counterpart'),
      // nothing in the export sets flow.variables.now: the test reads a variable that is always empty
      'error: split "route": the condition on {{flow.variables.now}} can never be true after import (no set-variables widget sets "now"): its route to "ask" is never taken',
    ]);
  });

  it('maps a gather whose split tests something else to an input followed by the condition', () => {
    const split = { name: 'route', type: 'split-based-on', transitions: [{ event: 'match', next: 'desk', conditions: [{ type: 'equal_to', value: '12', arguments: ['{{widgets.ask.Digits}}'] }] }], properties: { input: '{{widgets.ask.Digits}}' } };
    const { flow } = expectImported(importFlow({ states: [trigger, { ...gather, properties: { say: 'Enter two digits.', number_of_digits: 2 } }, split, desk] }));
    expect(getNode(flow, 'ask', 'input')).toMatchObject({ next: 'route', maxDigits: 2 });
    expect(getNode(flow, 'route', 'condition').then).toBe('desk');
  });

  it('sends every dial outcome where callCompleted goes, as Studio does', () => {
    const transfer = { name: 'desk', type: 'connect-call-to', transitions: [{ event: 'callCompleted', next: 'ask' }, { event: 'hangup', next: 'gone' }], properties: { noun: 'number', to: '+34 910 00 00 00' } };
    const { flow, findings } = expectImported(importFlow({ states: [{ ...trigger, transitions: [{ event: 'incomingCall', next: 'desk' }] }, transfer, gather] }));
    expect(getNode(flow, 'desk', 'transfer')).toMatchObject({ to: { number: '+34910000000' }, on: { answered: 'ask', busy: 'ask', noAnswer: 'ask', failed: 'ask' } });
    expect(findingsOf(findings, 'desk')).toEqual([expect.stringMatching(/^error: event "hangup" goes to "gone", which is not in the export/)]);
  });

  it('maps transfer events, reporting unknown failure events', () => {
    const transfer = {
      name: 'desk',
      type: 'connect-call-to',
      transitions: [{ event: 'callCompleted' }, { event: 'busy', next: 'ask' }, { event: 'noAnswer', next: 'ask' }, { event: 'rejected', next: 'ask' }],
      properties: { noun: 'client', to: 'alice' },
    };
    const { flow, findings } = expectImported(importFlow({ states: [{ ...trigger, transitions: [{ event: 'incomingCall', next: 'desk' }] }, transfer, gather] }));
    expect(getNode(flow, 'desk', 'transfer')).toMatchObject({ to: { client: 'alice' }, on: { busy: 'ask', noAnswer: 'ask', failed: 'ask' } });
    expect(findingsOf(findings, 'desk')).toEqual([expect.stringMatching(/^warning: event "rejected" .* mapped to failed$/)]);
  });
});
