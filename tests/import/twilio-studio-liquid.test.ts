import { describe, expect, it } from 'vitest';
import { importFlow } from '../../core/import/index.ts';
import { CALLER, call, expectWait, heard, press, runOptions } from '../interpreter/helpers.ts';
import { expectImported, findingsOf, getNode, loadFixture } from './helpers.ts';
import { toLiquidVariable } from '../../core/import/twilio-studio/states.ts';

describe('Twilio Studio import: Liquid in widget properties', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('studio-liquid.json')));

  it('maps caller data, a look-up\'s parsed answer and flow variables to what humanline fills in', () => {
    expect(getNode(flow, 'lookup', 'http')).toMatchObject({
      request: { url: 'https://crm.acme.example/customers?phone={{caller.from}}', method: 'GET' },
      saveAs: 'widgets.lookup.parsed',
    });
    expect(getNode(flow, 'remember', 'set').assign).toEqual({ first_name: '{{widgets.lookup.parsed.first_name}}', tier: '{{widgets.lookup.parsed.tier}}' });
    expect(getNode(flow, 'greet', 'say').prompt).toBe('Hello {{first_name}}. Your reference is {{caller.callSid}}.');
    expect(getNode(flow, 'route', 'condition').test).toEqual({ type: 'variable', variable: 'tier', op: 'eq', value: 'gold' });
    expect(findingsOf(findings, 'greet')).toEqual([]);
    expect(findingsOf(findings, 'lookup')).toEqual([]);
  });

  it('drops a caller id that is the caller\'s own number: a transfer shows it unless told otherwise', () => {
    expect(getNode(flow, 'vip_desk', 'transfer').callerId).toBeUndefined();
    expect(findingsOf(findings, 'vip_desk')).toEqual([]);
  });

  it('plays the caller what Studio would: the look-up\'s answer and the call\'s own data, and routes on them', () => {
    const steps = call(flow, [{ type: 'lookup', outcome: 'ok', data: { first_name: 'Ana', tier: 'gold' } }]);
    expect(expectWait(steps[0]!, 'lookup', 'lookup').url).toBe(`https://crm.acme.example/customers?phone=${encodeURIComponent(CALLER.from ?? '')}`);
    expect(heard(steps[1]!.speech)[0]).toBe(`Hello Ana. Your reference is ${CALLER.callSid}.`);
    expect(expectWait(steps[1]!, 'dial', 'vip_desk').callerId).toBeUndefined();
  });

  it('reports by node and field what cannot be evaluated, instead of leaving it silently empty', () => {
    expect(findingsOf(findings, 'remember')).toEqual([
      'warning: assign.tier: the filter "| downcase" of {{widgets.lookup.parsed.tier | downcase}} is not applied: humanline fills in the value as it is',
    ]);
    expect(findingsOf(findings, 'gold_note')).toEqual([
      expect.stringMatching(/^warning: prompt: the Liquid tag \{% if flow\.variables\.tier == 'gold' %\} is not evaluated: it stays in the text as written/),
      expect.stringMatching(/^warning: prompt: \{\{trigger\.call\.CallerName\}\} cannot be evaluated \(humanline has no "trigger\.call\.CallerName"; .*\): it is always empty/),
      expect.stringMatching(/^warning: prompt: the Liquid tag \{% endif %\} is not evaluated/),
    ]);
    expect(findingsOf(findings, 'billing')).toEqual([
      expect.stringMatching(/^warning: prompt: \{\{widgets\.menu\.Digits\}\} cannot be evaluated \(gather "menu" became a menu, which keeps no Digits\): it is always empty/),
    ]);
  });

  it('reports a split condition that can never be true after import, with the route it loses', () => {
    expect(flow.nodes['route.2']).toMatchObject({ kind: 'condition', test: { type: 'variable', variable: 'widgets.lookup.status_code', op: 'eq', value: '404' } });
    expect(findingsOf(findings, 'route')).toEqual([
      expect.stringMatching(/^error: split "route": the condition on \{\{widgets\.lookup\.status_code\}\} can never be true after import \(humanline keeps only the parsed answer of look-up "lookup"\): its route to "signup" is never taken$/),
      expect.stringMatching(/^error: split "route": the condition on \{\{flow\.variables\.after_hours\}\} can never be true after import \(no set-variables widget sets "after_hours"\): its route to "closed" is never taken$/),
    ]);
  });

  it('reports a split that compares with a Liquid value, which a condition cannot fill in', () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'limit' }] },
      { name: 'limit', type: 'set-variables', transitions: [{ event: 'next', next: 'check' }], properties: { variables: [{ key: 'max', value: '3' }, { key: 'count', value: '1' }] } },
      {
        name: 'check',
        type: 'split-based-on',
        transitions: [{ event: 'noMatch', next: 'bye' }, { event: 'match', next: 'bye', conditions: [{ arguments: ['{{flow.variables.count}}'], type: 'equal_to', value: '{{flow.variables.max}}' }] }],
        properties: { input: '{{flow.variables.count}}' },
      },
      { name: 'bye', type: 'say-play', transitions: [], properties: { say: 'Bye.' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(getNode(imported.flow, 'check', 'condition').test).toMatchObject({ variable: 'count' });
    expect(findingsOf(imported.findings, 'check')).toEqual([
      expect.stringMatching(/^error: split "check": the condition on \{\{flow\.variables\.count\}\} can never be true after import \(it compares with \{\{flow\.variables\.max\}\}, which a condition does not fill in\): its route to "bye" is never taken$/),
    ]);
  });

  it('reads the SpeechResult of a gather imported as an input that listens for speech from the input\'s variable', () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'order' }] },
      { name: 'order', type: 'gather-input-on-call', transitions: [{ event: 'keypress', next: 'confirm' }, { event: 'speech', next: 'heard' }], properties: { say: 'Enter or say your order.', number_of_digits: 6 } },
      { name: 'confirm', type: 'say-play', transitions: [], properties: { say: 'You entered {{widgets.order.Digits}}.' } },
      { name: 'heard', type: 'say-play', transitions: [], properties: { say: 'You said {{widgets.order.SpeechResult}}.' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(getNode(imported.flow, 'heard', 'say').prompt).toBe('You said {{widgets.order.Digits}}.');
    expect(findingsOf(imported.findings, 'heard')).toEqual([]);
    const steps = call(imported.flow, [{ type: 'input', speech: 'a blue teapot' }]);
    expect(heard(steps[1]!.speech)).toEqual(['You said a blue teapot.']);
  });

  it('keeps the digits of a gather imported as an input for the Liquid that reads them', () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'account' }] },
      { name: 'account', type: 'gather-input-on-call', transitions: [{ event: 'keypress', next: 'confirm' }], properties: { say: 'Enter your account number.', number_of_digits: 6 } },
      { name: 'confirm', type: 'say-play', transitions: [], properties: { say: 'You entered {{widgets.account.Digits}}.' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(findingsOf(imported.findings, 'confirm')).toEqual([]);
    const steps = call(imported.flow, [press('123456')], runOptions());
    expect(heard(steps[1]!.speech)).toEqual(['You entered 123456.']);
  });

  it('reports a split on a flow variable that is only ever set to what is always empty', () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'name' }] },
      { name: 'name', type: 'set-variables', transitions: [{ event: 'next', next: 'copy' }], properties: { variables: [{ key: 'caller_name', value: '{{trigger.call.CallerName}}' }] } },
      { name: 'copy', type: 'set-variables', transitions: [{ event: 'next', next: 'check' }], properties: { variables: [{ key: 'display', value: '{{flow.variables.caller_name}}' }] } },
      {
        name: 'check',
        type: 'split-based-on',
        transitions: [{ event: 'noMatch', next: 'bye' }, { event: 'match', next: 'bye', conditions: [{ arguments: ['{{flow.variables.display}}'], type: 'is_not_blank', value: '' }] }],
        properties: { input: '{{flow.variables.display}}' },
      },
      { name: 'bye', type: 'say-play', transitions: [], properties: { say: 'Bye.' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(findingsOf(imported.findings, 'check')).toEqual([
      'error: split "check": the condition on {{flow.variables.display}} can never be true after import (set-variables only ever sets "display" to what is always empty): its route to "bye" is never taken',
    ]);
    expect(findingsOf(imported.findings, 'name')).toEqual([expect.stringMatching(/^warning: assign\.caller_name: \{\{trigger\.call\.CallerName\}\} cannot be evaluated/)]);
  });

  it('reports Liquid in a recording\'s address, which is played as written', () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'jingle' }] },
      { name: 'jingle', type: 'say-play', transitions: [], properties: { play: 'https://media.acme.example/{{flow.variables.season}}.mp3' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(findingsOf(imported.findings, 'jingle')).toContainEqual(
      'warning: prompt.audio: humanline fills no placeholders in this field, so "https://media.acme.example/{{flow.variables.season}}.mp3" is kept as written',
    );
  });

  it('reports a negated split test on what is always empty as always holding, and a filter the test does not apply', () => {
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'check' }] },
      {
        name: 'check',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: 'bye' },
          { event: 'match', next: 'hello', conditions: [{ arguments: ['{{trigger.call.ToCountry}}'], type: 'is_blank', value: '' }] },
          { event: 'match', next: 'bye', conditions: [{ arguments: ['{{trigger.call.FromCity | downcase}}'], type: 'equal_to', value: 'madrid' }] },
        ],
        properties: { input: '{{trigger.call.From}}' },
      },
      { name: 'hello', type: 'say-play', transitions: [], properties: { say: 'Hello.' } },
      { name: 'bye', type: 'say-play', transitions: [], properties: { say: 'Bye.' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(imported.flow.nodes['check.2']).toMatchObject({ test: { type: 'caller', field: 'fromCity', op: 'eq', value: 'madrid' } });
    expect(findingsOf(imported.findings, 'check')).toEqual([
      expect.stringMatching(/^error: split "check": the condition on \{\{trigger\.call\.ToCountry\}\} always holds after import \(humanline has no "trigger\.call\.ToCountry"; .*\): the call always goes to "hello", and the routes after it are never taken$/),
      'warning: split "check": the filter "| downcase" of {{trigger.call.FromCity}} is not applied, so the test reads the value as it is',
    ]);
  });
});

describe('Twilio Studio import: a Liquid name Studio does not have either', () => {
  it('says the split never matched in Studio too, rather than blaming the import', () => {
    // as a public export has it: the split reads {{become}} where it meant {{widgets.main_menu.Digits}}
    const states = [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'menu_split' }] },
      {
        name: 'menu_split',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: 'bye' },
          { event: 'match', next: 'hello', conditions: [{ arguments: ['{{become}}'], type: 'equal_to', value: '1' }] },
        ],
        properties: { input: '{{become}}' },
      },
      { name: 'hello', type: 'say-play', transitions: [], properties: { say: 'Hello.' } },
      { name: 'bye', type: 'say-play', transitions: [], properties: { say: 'Bye.' } },
    ];
    const imported = expectImported(importFlow({ states }));
    expect(findingsOf(imported.findings, 'menu_split')).toEqual([
      'error: split "menu_split": the condition on {{become}} can never be true after import (Studio has no variable "become" either, only trigger., widgets., flow. and contact. ones, so it is empty in Studio too): its route to "hello" is never taken',
    ]);
  });
});

describe('toLiquidVariable', () => {
  // the pattern it read every text with before bare variables were sliced out without it
  const readByPattern = (text: string) => text.match(/^\s*\{\{\s*([^{}|]+?)\s*(\|[^{}]*)?\}\}\s*$/)?.[1];

  it('reads a bare variable as the Liquid pattern does, and leaves the rest to it', () => {
    const texts = [
      '{{widgets.menu.Digits}}', '{{x}}', '{{}}', '{{ x }}', ' {{x}} ', '{{x | downcase}}', '{{x|downcase}}', '{{a b}}',
      '{{x}', '{x}}', '{{{x}}}', '{{x}}}', '{{é}}', '{{x\u00a0}}', '{{x\t}}', 'x', '', '{{', '}}', '{{}}}', '{{x}}{{y}}',
    ];
    for (const text of texts) expect(toLiquidVariable(text), text).toBe(readByPattern(text));
    expect(toLiquidVariable(undefined)).toBeUndefined();
  });
});
