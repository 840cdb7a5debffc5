import { describe, expect, it } from 'vitest';
import { describeNonCallFlow, detectFormat, importFlow, isFlowDocument, toNodeId, UNRECOGNISED_MESSAGE } from '../../core/import/index.ts';
import { NodeIdSchema } from '../../core/schema/flow.ts';
import { loadFixture } from './helpers.ts';

const humanlineFlow = {
  name: 'Tiny',
  entry: 'desk',
  nodes: { desk: { kind: 'transfer', to: { number: '+34910000000' }, on: {} } },
};

describe('isFlowDocument', () => {
  it('takes ours, broken or not, and Studio and Connect exports', () => {
    expect(isFlowDocument(humanlineFlow)).toBe(true);
    expect(isFlowDocument({ entry: 'x', nodes: [] })).toBe(true);
    expect(isFlowDocument({ $schema: '../core/schema/flow.schema.json' })).toBe(true);
    expect(isFlowDocument({ $schema: 'https://humanline.dev/schema/flow.schema.json', nodes: 'oops' })).toBe(true);
    expect(isFlowDocument(loadFixture('studio-ivr.json'))).toBe(true);
    expect(isFlowDocument(loadFixture('connect-ivr.json'))).toBe(true);
  });

  it('leaves out the rest of a repository', () => {
    expect(isFlowDocument({ name: 'phone-lines', version: '1.0.0', scripts: {} })).toBe(false);
    expect(isFlowDocument({ $schema: 'https://json.schemastore.org/tsconfig', compilerOptions: {} })).toBe(false);
    expect(isFlowDocument({ $schema: 'https://example.com/not-flow.schema.json.bak' })).toBe(false);
    expect(isFlowDocument([{ entry: 'x', nodes: {} }])).toBe(false);
    expect(isFlowDocument(null)).toBe(false);
  });
});

describe('detectFormat', () => {
  it('recognises each format by its shape', () => {
    expect(detectFormat(humanlineFlow)).toBe('humanline');
    expect(detectFormat(loadFixture('studio-ivr.json'))).toBe('twilio-studio');
    expect(detectFormat(loadFixture('connect-ivr.json'))).toBe('amazon-connect');
    expect(detectFormat(loadFixture('connect-wrapped-string.json'))).toBe('amazon-connect');
    expect(detectFormat(loadFixture('connect-wrapped-object.json'))).toBe('amazon-connect');
    expect(detectFormat({ ContactFlow: { Content: '{}' } })).toBe('amazon-connect');
  });

  it('returns undefined for anything else', () => {
    for (const data of [null, 42, 'flow', [], {}, { states: 'no' }, { nodes: [] }, { Actions: {} }]) {
      expect(detectFormat(data)).toBeUndefined();
    }
  });
});

describe('importFlow', () => {
  it('returns a humanline flow unchanged when it parses', () => {
    expect(importFlow(humanlineFlow)).toEqual({ ok: true, format: 'humanline', flow: humanlineFlow, findings: [] });
  });

  it('refuses a humanline flow that does not parse, with its first schema issue', () => {
    const result = importFlow({ ...humanlineFlow, entry: '1 bad id' });
    expect(result).toMatchObject({ ok: false, format: 'humanline' });
    expect(!result.ok && result.message).toMatch(/^Not a valid humanline flow: entry: a node id starts with a letter/);
  });

  it('refuses what it does not recognise', () => {
    expect(importFlow({ hello: 'world' })).toEqual({ ok: false, message: UNRECOGNISED_MESSAGE });
  });

  it('follows a forced format even when the shape says otherwise', () => {
    expect(importFlow(loadFixture('studio-ivr.json'), 'amazon-connect')).toMatchObject({ ok: false, format: 'amazon-connect' });
  });
});

describe('toNodeId', () => {
  it('always gives an id the schema accepts', () => {
    for (const name of ['Trigger', 'welcome message', '3f2c-uuid', '', '  ', 'ñandú!', '__proto__', 'a.b-c_d']) {
      expect(NodeIdSchema.safeParse(toNodeId(name)).success, name).toBe(true);
    }
    expect(toNodeId('welcome message')).toBe('welcome_message');
    expect(toNodeId('3f2c')).toBe('_3f2c');
    expect(toNodeId('__proto__')).toBe('_proto_');
  });
});

describe('describeNonCallFlow', () => {
  const queueContent = { StartAction: 'hold', Metadata: { type: 'customerQueue' }, Actions: [] };

  it('names an export that routes no caller: a Connect queue or whisper flow, bare or wrapped, a Studio flow for messages', () => {
    const queue = 'an Amazon Connect customer queue flow (it plays to callers waiting in a queue)';
    expect(describeNonCallFlow(queueContent)).toBe(queue);
    expect(describeNonCallFlow({ Name: 'Queue music', Type: 'CUSTOMER_QUEUE', Content: JSON.stringify({ ...queueContent, Metadata: {} }) })).toBe(queue);
    expect(describeNonCallFlow({ ContactFlow: { Name: 'Whisper', Type: 'AGENT_WHISPER', Content: '{}' } })).toBe('an Amazon Connect agent whisper flow (it plays to the agent as a call joins)');
    const sms = { states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'reply' }, { event: 'incomingCall' }] }] };
    expect(describeNonCallFlow(sms)).toBe('a Twilio Studio flow started by incomingMessage, not by a call');
  });

  it('leaves inbound, transfer and untyped flows, broken call flows and other files to be judged', () => {
    expect(describeNonCallFlow({ ...queueContent, Metadata: { type: 'contactFlow' } })).toBeUndefined();
    expect(describeNonCallFlow({ Name: 'To sales', Type: 'QUEUE_TRANSFER', Content: '{}' })).toBeUndefined();
    expect(describeNonCallFlow({ ...queueContent, Metadata: {} })).toBeUndefined();
    // incomingCall disconnected and nothing else connected: a broken call flow
    expect(describeNonCallFlow({ states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall' }] }] })).toBeUndefined();
    expect(describeNonCallFlow({ name: 'phone-lines', version: '1.0.0' })).toBeUndefined();
    expect(describeNonCallFlow({ entry: 'main', nodes: {} })).toBeUndefined();
  });
});
