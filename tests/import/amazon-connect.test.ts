import { describe, expect, it } from 'vitest';
import { importAmazonConnect, importFlow } from '../../core/import/index.ts';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import { expectImported, findingsOf, getNode, loadFixture } from './helpers.ts';

// Identifiers of connect-ivr.json; the importer prefixes ids that start with a digit with `_`
const ID = {
  logging: 'a3c1f0de-0b5e-4c1f-9d51-6f7f3e0b1a01',
  setQueue: 'b7e2d1c4-5a6f-4e2b-8c3d-1f2e3d4c5b02',
  hours: 'c9f3e2d5-6b7a-4f3c-9d4e-2a3b4c5d6e03',
  menu: 'd1a4f3e6-7c8b-4a4d-8e5f-3b4c5d6e7f04',
  billing: 'e2b5a4f7-8d9c-4b5e-9f6a-4c5d6e7f8a05',
  invalid: '_14d7c6b9-0f1e-4d7a-9b8c-6e7f8a9b0c07',
  toQueue: '_25e8d7ca-1a2f-4e8b-8c9d-7f8a9b0c1d08',
  full: '_36f9e8db-2b3a-4f9c-9d0e-8a9b0c1d2e09',
  closed: '_47a0f9ec-3c4b-4a0d-8e1f-9b0c1d2e3f10',
  bye: '_58b1a0fd-4d5c-4b1e-9f2a-0c1d2e3f4a11',
};

describe('Amazon Connect import: a typical IVR', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('connect-ivr.json')));

  it('enters at StartAction and takes the name from the metadata', () => {
    expect(flow.entry).toBe(ID.logging);
    expect(flow.name).toBe('Northwind main line');
    expect(getNode(flow, ID.logging, 'set').next).toBe(ID.setQueue);
  });

  it('maps the hours check to a placeholder calendar named after the working queue, reported', () => {
    const hours = getNode(flow, ID.hours, 'condition');
    expect(hours.test).toEqual({ type: 'hours', calendar: 'billing_and_outages_hours' });
    expect(flow.calendars?.billing_and_outages_hours).toMatchObject({ timezone: 'UTC', weekly: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });
    expect(hours.then).toBe(ID.menu);
    expect(hours.else).toBe(ID.closed);
    expect(findingsOf(findings, ID.hours)).toEqual([expect.stringMatching(/^warning: the hours of operation .* live in Amazon Connect.*09:00-17:00 UTC/)]);
  });

  it('maps GetParticipantInput to a menu with keys, no input and no match', () => {
    const menu = getNode(flow, ID.menu, 'menu');
    expect(menu.prompt).toMatch(/^Welcome to Northwind Energy/);
    expect(menu.options).toEqual([
      { key: '1', next: ID.billing },
      { key: '2', next: ID.toQueue },
      { key: '0', next: ID.toQueue },
    ]);
    expect(menu.timeout).toBe(5);
    expect(menu.noInput).toEqual({ retries: 0, next: ID.toQueue });
    expect(menu.noMatch).toEqual({ retries: 0, next: ID.invalid });
  });

  it('maps the Lambda to an http placeholder, the queue transfer and the disconnect', () => {
    expect(getNode(flow, ID.billing, 'http')).toMatchObject({ request: { url: 'https://lambda.invalid/billing-balance' }, timeout: 3, on: { failed: ID.toQueue, timeout: ID.toQueue } });
    // the export repeats the error target in NextAction: a queue transfer that succeeds leaves the flow
    expect(getNode(flow, ID.toQueue, 'queue')).toEqual({ kind: 'queue', queue: 'Billing and outages', on: { full: ID.full } });
    expect(getNode(flow, ID.bye, 'hangup')).toEqual({ kind: 'hangup' });
    expect(getNode(flow, ID.invalid, 'say')).toEqual({ kind: 'say', prompt: 'Sorry, I did not get that.', next: ID.menu });
  });

  it('keeps positions from the metadata', () => {
    expect(flow.ui?.positions?.[ID.menu]).toEqual({ x: 880, y: 40 });
  });

  it('reports only what is approximate, and loses no route', () => {
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(findingsOf(findings, ID.setQueue)).toEqual([expect.stringMatching(/^warning: error NoMatchingError goes to .*\(a set node cannot fail in humanline\)$/)]);
  });
});

describe('Amazon Connect import: wrapped exports', () => {
  const bare = expectImported(importFlow(loadFixture('connect-ivr.json'))).flow;

  it('unwraps Content given as a JSON string, naming the flow after the wrapper', () => {
    const { flow } = expectImported(importFlow(loadFixture('connect-wrapped-string.json')));
    expect(flow).toEqual({ ...bare, name: 'Northwind main line (API)' });
  });

  it('unwraps Content given as an object', () => {
    const { flow } = expectImported(importFlow(loadFixture('connect-wrapped-object.json')));
    expect(flow).toEqual({ ...bare, name: 'Northwind main line (object)' });
  });

  it('unwraps a DescribeContactFlow answer', () => {
    const content = JSON.stringify(loadFixture('connect-ivr.json'));
    const { flow } = expectImported(importFlow({ ContactFlow: { Name: 'Described', Type: 'CONTACT_FLOW', Content: content } }));
    expect(flow.name).toBe('Described');
  });

  it('refuses Content that is not JSON with a clear message', () => {
    const result = importFlow(loadFixture('connect-content-not-json.json'));
    expect(result).toMatchObject({ ok: false, format: 'amazon-connect' });
    expect(!result.ok && result.message).toMatch(/^Amazon Connect flow Content is not valid JSON \(.+\), so the flow inside it cannot be read$/);
  });

  it('refuses a flow without a StartAction or Actions', () => {
    expect(importAmazonConnect({ Version: '2019-10-30', Actions: [] })).toEqual({ ok: false, format: 'amazon-connect', message: 'Amazon Connect flow has no StartAction: nothing answers a contact' });
    expect(importAmazonConnect({ StartAction: 'a' })).toEqual({ ok: false, format: 'amazon-connect', message: 'Amazon Connect flow has no "Actions" array' });
    expect(importAmazonConnect({ Content: 42 })).toMatchObject({ ok: false, message: expect.stringContaining('Content is a number') });
  });
});

describe('Amazon Connect import: error branches', () => {
  it('sends hours-check errors to the closed branch, and reports an error branch that goes elsewhere', () => {
    const hours = (errorTarget: string) => ({
      StartAction: 'hours',
      Actions: [
        {
          Identifier: 'hours',
          Type: 'CheckHoursOfOperation',
          Transitions: {
            Conditions: [{ NextAction: 'open', Condition: { Operator: 'Equals', Operands: ['True'] } }],
            Errors: [{ NextAction: errorTarget, ErrorType: 'NoMatchingError' }],
          },
        },
        { Identifier: 'open', Type: 'DisconnectParticipant' },
        { Identifier: 'closed', Type: 'DisconnectParticipant' },
      ],
    });
    const { flow } = expectImported(importAmazonConnect(hours('closed')));
    expect(getNode(flow, 'hours', 'condition')).toMatchObject({ then: 'open', else: 'closed' });

    const withFalse = hours('closed');
    withFalse.Actions[0]!.Transitions!.Conditions.push({ NextAction: 'open', Condition: { Operator: 'Equals', Operands: ['False'] } });
    const { findings } = expectImported(importAmazonConnect(withFalse));
    expect(findingsOf(findings, 'hours')).toContainEqual(expect.stringMatching(/^error: error NoMatchingError goes to "closed", but a condition node has no exit for it/));
  });
});

describe('Amazon Connect import: a menu\'s Error branch', () => {
  it('is reported as a warning, not a lost route: a menu or an input cannot fail in humanline', () => {
    // as AWS's sample inbound flow has it: Timeout, Default and Error each go somewhere else
    const menu = (storeInput: boolean) => ({
      StartAction: 'menu',
      Actions: [
        {
          Identifier: 'menu',
          Type: 'GetParticipantInput',
          Parameters: { Text: 'Press 1 for an agent.', StoreInput: storeInput ? 'True' : 'False', InputTimeLimitSeconds: '8' },
          Transitions: {
            NextAction: 'agent',
            Conditions: [{ NextAction: 'agent', Condition: { Operator: 'Equals', Operands: ['1'] } }],
            Errors: [
              { NextAction: 'agent', ErrorType: 'InputTimeLimitExceeded' },
              { NextAction: 'agent', ErrorType: 'NoMatchingCondition' },
              { NextAction: 'sorry', ErrorType: 'NoMatchingError' },
            ],
          },
        },
        { Identifier: 'agent', Type: 'TransferContactToQueue', Transitions: {} },
        { Identifier: 'sorry', Type: 'MessageParticipant', Parameters: { Text: 'Sorry, an error occurred.' }, Transitions: { NextAction: 'bye' } },
        { Identifier: 'bye', Type: 'DisconnectParticipant', Transitions: {} },
      ],
    });
    for (const [storeInput, kind] of [[false, 'menu'], [true, 'input']] as const) {
      const { flow, findings } = expectImported(importAmazonConnect(menu(storeInput)));
      expect(flow.nodes.menu?.kind).toBe(kind);
      expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      expect(findingsOf(findings, 'menu')).toContainEqual(`warning: error NoMatchingError goes to "sorry", but a ${kind} node has no exit for it: the route was dropped (a ${kind} node cannot fail in humanline)`);
    }
  });
});

describe('Amazon Connect import: odd exports', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('connect-odd.json')));

  it('turns friendly identifiers into ids and keeps them as labels', () => {
    expect(flow.entry).toBe('Set_language');
    expect(getNode(flow, 'Set_language', 'set')).toMatchObject({ label: 'Set language', assign: { language: 'nl', nested: '{"a":1}' }, next: 'Split_traffic' });
  });

  it('maps percentage, Lex, stored input and Compare blocks', () => {
    expect(getNode(flow, 'Split_traffic', 'condition')).toMatchObject({ test: { type: 'split', percent: 30 }, then: 'Lex_menu', else: 'Account_entry' });
    expect(getNode(flow, 'Lex_menu', 'menu')).toMatchObject({ options: [{ phrases: ['TalkToAgent'], next: 'Agent_transfer' }], speech: {}, noMatch: { next: 'Say_sorry' } });
    expect(getNode(flow, 'Account_entry', 'input')).toMatchObject({ variable: 'StoredCustomerInput', maxDigits: 10, finishOnKey: '#', timeout: 8, next: 'Check_VIP', invalid: { next: 'Agent_transfer' } });
    expect(getNode(flow, 'Check_VIP', 'condition')).toMatchObject({ test: { type: 'variable', variable: 'Attributes.tier', op: 'eq', value: 'gold' }, then: 'Agent_transfer', else: 'Check_VIP.2' });
    // NumberGreaterOrEqualTo 90 is "not less than 90"
    expect(getNode(flow, 'Check_VIP.2', 'condition')).toMatchObject({ test: { op: 'lt', value: 90 }, then: 'Odd_menu', else: 'Outside_flow' });
  });

  it('reports menu conditions that are not single keys, and targets that do not exist', () => {
    expect(getNode(flow, 'Odd_menu', 'menu').options).toEqual([{ key: '9', next: 'Outside_flow' }, { key: '3' }]);
    expect(findingsOf(findings, 'Odd_menu')).toEqual(expect.arrayContaining([
      expect.stringMatching(/^error: condition Equals 12: "12" is not a single key/),
      expect.stringMatching(/^error: condition Equals 3 goes to "Ghost action", which is not in the export/),
    ]));
  });

  it('maps the third-party transfer with its failure outcomes', () => {
    expect(getNode(flow, 'Agent_transfer', 'transfer')).toMatchObject({ to: { number: '+31205550100' }, timeout: 30, on: { answered: 'Say_sorry', noAnswer: 'Loop_back', failed: 'Say_sorry' } });
  });

  it('makes a transfer to another flow a goto to it, its error the failed route, and reports the flow it did not get', () => {
    expect(getNode(flow, 'Outside_flow', 'goto')).toEqual({ kind: 'goto', label: 'Outside flow', flow: 'overflow', on: { failed: 'Say_sorry' } });
    expect(findingsOf(findings, 'Outside_flow')).toEqual([expect.stringContaining('TransferToFlow hands the call to flow "overflow", which is not among the files imported with this one')]);
  });

  it('keeps an unknown action as a placeholder with its transitions, and names it', () => {
    expect(getNode(flow, 'Loop_back', 'condition')).toMatchObject({ test: { variable: 'Loop_back.outcome', value: 'ContinueLooping' }, then: 'Agent_transfer', else: 'Say_sorry' });
    expect(findingsOf(findings, 'Loop_back')).toEqual([expect.stringMatching(/^warning: action "Loop back" of type "Loop" has no humanline counterpart/)]);
    expect(getNode(flow, 'constructor', 'say').description).toContain('no type');
  });

  it('reports duplicate identifiers and actions without one', () => {
    expect(getNode(flow, 'Say_sorry_2', 'hangup')).toEqual({ kind: 'hangup', label: 'Say sorry' });
    expect(findingsOf(findings, 'Say_sorry_2')).toEqual([expect.stringMatching(/^error: "Say sorry" is the name of more than one/)]);
    expect(findings).toContainEqual(expect.objectContaining({ message: 'Actions[10] has no Identifier, so nothing can route to it: skipped' }));
  });
});

describe('Amazon Connect import: Store customer input when the caller enters nothing', () => {
  // as the public C3 payment module has it: Store customer input has no Timeout branch, so the
  // flow checks the stored input for "Timeout" on its Success branch and asks again
  const storeInput = {
    StartAction: 'card',
    Actions: [
      {
        Identifier: 'card',
        Type: 'GetParticipantInput',
        Parameters: { StoreInput: 'True', InputTimeLimitSeconds: '10', Text: 'Please enter your card number.', DTMFConfiguration: { InputTerminationSequence: '#' } },
        Transitions: { NextAction: 'timeout check', Errors: [{ NextAction: 'agent', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'timeout check',
        Type: 'Compare',
        Parameters: { ComparisonValue: '$.StoredCustomerInput' },
        Transitions: { NextAction: 'agent', Conditions: [{ NextAction: 'still there', Condition: { Operator: 'Equals', Operands: ['Timeout'] } }], Errors: [{ NextAction: 'agent', ErrorType: 'NoMatchingCondition' }] },
      },
      { Identifier: 'still there', Type: 'MessageParticipant', Parameters: { Text: 'Are you still there?' }, Transitions: { NextAction: 'card' } },
      { Identifier: 'agent', Type: 'TransferContactToQueue', Transitions: {} },
    ],
    Metadata: { ActionMetadata: { card: { position: { x: 100, y: 40 } } } },
  };
  const { flow, findings } = expectImported(importAmazonConnect(storeInput));
  const run = { flowVersion: 'test', now: new Date(Date.UTC(2026, 0, 5, 10)), random: () => 0 };

  it('goes on to the Success branch with "Timeout" stored, as Connect does, and the flow\'s own check hears it', () => {
    const input = getNode(flow, 'card', 'input');
    expect(input.next).toBe('timeout_check');
    const timeout = getNode(flow, input.noInput!.next!, 'set');
    expect(timeout).toMatchObject({ assign: { StoredCustomerInput: 'Timeout' }, next: 'timeout_check' });
    expect(flow.ui?.positions?.[input.noInput!.next!]).toEqual({ x: 100, y: 160 });
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);

    const asked = startCall(flow, { callSid: 'CAstore', from: '+34910000001' }, run);
    const silent = continueCall(flow, asked.state, { type: 'input' }, run);
    expect(silent.speech.map((speech) => (speech.type === 'say' ? speech.text : ''))).toContain('Are you still there?');
    expect(silent.wait).toMatchObject({ kind: 'input', nodeId: 'card' });
    const entered = continueCall(flow, asked.state, { type: 'input', digits: '4111' }, run);
    expect(entered.wait.kind).toBe('queue');
  });

  it('reports no dead end where the caller is silent: the silent caller goes on to the check, as in Connect', () => {
    const { findings: linted } = lintSource(storeInput).result;
    expect(linted.filter((finding) => finding.ruleId === 'dead-end' && finding.nodeId === 'card')).toEqual([]);
    // what still fails the silent caller is the queue's unconnected full route, beyond the check
    const silent = linted.find((finding) => finding.ruleId === 'silent-caller' && finding.message.startsWith('A caller who says nothing'));
    expect(silent?.path?.steps.map((step) => step.nodeId)).toEqual(['card', 'card.timeout', 'timeout_check', 'agent']);
  });

  it('keeps a Timeout branch an export gives, adding nothing', () => {
    const withBranch = structuredClone(storeInput);
    (withBranch.Actions[0]!.Transitions as { Errors: unknown[] }).Errors.push({ NextAction: 'agent', ErrorType: 'InputTimeLimitExceeded' });
    const { flow: branched } = expectImported(importAmazonConnect(withBranch));
    expect(getNode(branched, 'card', 'input').noInput).toEqual({ retries: 0, next: 'agent' });
    expect(Object.keys(branched.nodes)).toEqual(['card', 'timeout_check', 'still_there', 'agent']);
  });
});

describe('Amazon Connect import: flows that route no caller', () => {
  // as a public queue flow's export has it: what callers hear while they wait, looping for ever
  const queueFlow = {
    Version: '2019-10-30',
    StartAction: 'thanks',
    Metadata: { name: 'CustomerQueueFlow', type: 'customerQueue' },
    Actions: [
      { Identifier: 'thanks', Type: 'MessageParticipant', Parameters: { Text: 'Thank you for holding.' }, Transitions: { NextAction: 'music' } },
      { Identifier: 'music', Type: 'MessageParticipantIteratively', Parameters: { Messages: [{ PromptId: 'music' }] }, Transitions: { NextAction: 'thanks' } },
    ],
  };

  it('refuses a customer queue, hold or whisper flow, in the console metadata\'s spelling or the API\'s, saying what it is', () => {
    expect(importAmazonConnect(queueFlow)).toEqual({
      ok: false,
      format: 'amazon-connect',
      message: 'This is an Amazon Connect customer queue flow (it plays to callers waiting in a queue), not a flow that answers calls: there is no route to a person to check',
      routesNoCaller: true,
    });
    const wrapped = { ContactFlow: { Name: 'Agent whisper', Type: 'AGENT_WHISPER', Content: JSON.stringify({ ...queueFlow, Metadata: {} }) } };
    expect(importAmazonConnect(wrapped)).toMatchObject({ ok: false, message: expect.stringMatching(/^This is an Amazon Connect agent whisper flow \(it plays to the agent as a call joins\)/) });
  });

  it('imports inbound, transfer and untyped flows as before', () => {
    for (const type of ['contactFlow', 'queueTransfer', undefined]) {
      const flow = { ...queueFlow, Metadata: type === undefined ? {} : { type } };
      expect(importAmazonConnect(flow).ok).toBe(true);
    }
  });
});
