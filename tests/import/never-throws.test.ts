import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFlow } from '../../core/import/index.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { loadFixture } from './helpers.ts';

/** Whatever the input, the result is a flow that parses or a refusal with a message; true when it imported. */
function expectWellFormed(data: unknown, from?: 'twilio-studio' | 'amazon-connect'): boolean {
  const result = importFlow(data, from);
  if (result.ok) expect(parseFlow(result.flow).ok).toBe(true);
  else expect(result.message.length).toBeGreaterThan(0);
  return result.ok;
}

/** Runs a property and checks that enough runs imported, so the property tests the mapping, not only refusals. */
function assertMostlyImported<T>(arbitrary: fc.Arbitrary<T>, from: 'twilio-studio' | 'amazon-connect', numRuns: number): void {
  let imported = 0;
  fc.assert(fc.property(arbitrary, (data) => { if (expectWellFormed(data, from)) imported++; }), { numRuns });
  expect(imported).toBeGreaterThan(numRuns / 4);
}

const names = fc.constantFrom('Trigger', 'menu', 'split', 'desk', 'a b', '1x', '__proto__', 'constructor', '', 'gone');
const events = fc.constantFrom('incomingCall', 'keypress', 'speech', 'timeout', 'noMatch', 'match', 'success', 'failed', 'callCompleted', 'failedToEnqueue', 'audioComplete', 'next', 'weird');
const types = fc.constantFrom('trigger', 'gather-input-on-call', 'split-based-on', 'connect-call-to', 'enqueue-call', 'send-to-flex', 'record-voicemail', 'make-http-request', 'run-function', 'add-twiml-redirect', 'say-play', 'set-variables', 'capture-payments', '');
const loose = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));

const trigger = { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'menu' }] };

/** Studio-shaped exports (a trigger, then random widgets) with every field sometimes of the wrong type. */
const studioExport = fc.record({
  description: loose,
  states: fc.array(
    fc.oneof(
      fc.record({
        name: fc.oneof(names, loose),
        type: fc.oneof(types, loose),
        transitions: fc.oneof(
          fc.array(fc.record({
            event: fc.oneof(events, loose),
            next: fc.oneof(names, loose),
            conditions: fc.oneof(fc.array(fc.record({ type: fc.oneof(fc.constantFrom('equal_to', 'matches_any_of', 'contains', 'regex', 'is_blank', 'odd'), loose), value: loose, arguments: fc.oneof(fc.constant(['{{widgets.menu.Digits}}']), loose) }), { maxLength: 3 }), loose),
          }, { requiredKeys: [] }), { maxLength: 5 }),
          loose,
        ),
        properties: fc.oneof(fc.record({ input: fc.oneof(fc.constant('{{widgets.menu.Digits}}'), loose), say: loose, to: loose, offset: loose, number_of_digits: loose, url: loose }, { requiredKeys: [] }), loose),
      }, { requiredKeys: [] }),
      loose,
    ),
    { maxLength: 8 },
  ).map((states) => [trigger, { name: 'menu', type: 'gather-input-on-call', transitions: [{ event: 'keypress', next: 'split' }] }, ...states]),
}, { requiredKeys: ['states'] });

const actionTypes = fc.constantFrom('GetParticipantInput', 'MessageParticipant', 'CheckHoursOfOperation', 'Compare', 'DistributeByPercentage', 'InvokeLambdaFunction', 'TransferContactToQueue', 'TransferParticipantToThirdParty', 'DisconnectParticipant', 'TransferToFlow', 'UpdateContactAttributes', 'Loop', '');

/** Hours of operation as DescribeHoursOfOperation answers them, or bare, with odd days, times and zones. */
const hoursRefs = fc.constantFrom('arn:aws:connect:x:1:instance/i/operating-hours/h1', 'h1', 'Main hours', '$.Attributes.hours', '__proto__', '__PROTO__');
const timeSlice = fc.oneof(fc.record({ Hours: fc.oneof(fc.integer({ min: -1, max: 25 }), loose), Minutes: fc.oneof(fc.integer({ min: -1, max: 60 }), loose) }), loose);
const hoursObject = fc.record({
  HoursOfOperationArn: fc.oneof(hoursRefs, loose),
  Name: fc.oneof(hoursRefs, loose),
  TimeZone: fc.oneof(fc.constantFrom('Europe/Amsterdam', 'UTC', 'Mars/Olympus'), loose),
  Config: fc.oneof(fc.array(fc.oneof(fc.record({ Day: fc.oneof(fc.constantFrom('MONDAY', 'SUNDAY', 'monday', 'FUNDAY'), loose), StartTime: timeSlice, EndTime: timeSlice }), loose), { maxLength: 4 }), loose),
}, { requiredKeys: [] });
const hoursData = fc.oneof(fc.array(fc.oneof(hoursObject, hoursObject.map((HoursOfOperation) => ({ HoursOfOperation })), loose), { maxLength: 3 }), loose);

/** Connect-shaped flows, sometimes wrapped, with every field sometimes of the wrong type. */
const connectFlow = fc.record({
  HoursOfOperations: hoursData,
  StartAction: fc.constant('menu'),
  Actions: fc.array(
    fc.oneof(
      fc.record({
        Identifier: fc.oneof(names, loose),
        Type: fc.oneof(actionTypes, loose),
        Parameters: fc.oneof(fc.record({ Text: loose, StoreInput: fc.oneof(fc.constantFrom('True', 'False'), loose), Attributes: loose, ThirdPartyPhoneNumber: loose, HoursOfOperationId: fc.oneof(hoursRefs, loose) }, { requiredKeys: [] }), loose),
        Transitions: fc.oneof(
          fc.record({
            NextAction: fc.oneof(names, loose),
            Conditions: fc.oneof(fc.array(fc.record({ NextAction: fc.oneof(names, loose), Condition: fc.oneof(fc.record({ Operator: fc.oneof(fc.constantFrom('Equals', 'NumberLessThan'), loose), Operands: fc.oneof(fc.array(fc.constantFrom('1', '0', '12', 'True', '50')), loose) }), loose) }), { maxLength: 3 }), loose),
            Errors: fc.oneof(fc.array(fc.record({ NextAction: fc.oneof(names, loose), ErrorType: fc.oneof(fc.constantFrom('NoMatchingError', 'NoMatchingCondition', 'InputTimeLimitExceeded', 'QueueAtCapacity'), loose) }), { maxLength: 3 }), loose),
          }, { requiredKeys: [] }),
          loose,
        ),
      }, { requiredKeys: [] }),
      loose,
    ),
    { maxLength: 8 },
  ).map((actions) => [{ Identifier: 'menu', Type: 'GetParticipantInput', Parameters: { Text: 'Press 1.' }, Transitions: { Conditions: [{ NextAction: 'desk', Condition: { Operator: 'Equals', Operands: ['1'] } }] } }, ...actions]),
  Metadata: loose,
}, { requiredKeys: ['Actions', 'StartAction'] });

const wrappedConnect = fc.oneof(connectFlow, connectFlow.map((flow) => ({ Name: 'x', Content: JSON.stringify(flow) })), fc.string().map((Content) => ({ Content })));

describe('importFlow on odd input', () => {
  it('never throws on arbitrary JSON, detected or forced', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 'twilio-studio' as const, 'amazon-connect' as const), (data, from) => { expectWellFormed(data, from); }),
      { numRuns: 300 },
    );
  });

  it('never throws on Studio-shaped exports, and any flow it returns parses', () => {
    assertMostlyImported(studioExport, 'twilio-studio', 500);
  });

  it('never throws on Connect-shaped flows, bare or wrapped, and any flow it returns parses', () => {
    assertMostlyImported(wrappedConnect, 'amazon-connect', 500);
  });

  it('never throws when a fixture is cut down or has a field replaced', () => {
    const fixtures = ['studio-ivr.json', 'studio-odd.json', 'connect-ivr.json', 'connect-odd.json'].map(loadFixture);
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.nat(), fc.jsonValue({ maxDepth: 2 }), (fixture, pick, replacement) => {
        const copy = structuredClone(fixture) as Record<string, unknown[]>;
        const list = copy.states ?? copy.Actions ?? [];
        const index = list.length > 0 ? pick % list.length : 0;
        const item = list[index];
        if (item !== null && typeof item === 'object') {
          const keys = Object.keys(item);
          const key = keys[pick % Math.max(keys.length, 1)];
          if (key !== undefined) (item as Record<string, unknown>)[key] = replacement;
        }
        expectWellFormed(copy);
      }),
      { numRuns: 300 },
    );
  });

  it('does not throw on inputs that throw when read', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); }, getOwnPropertyDescriptor: () => { throw new Error('boom'); } });
    expect(() => importFlow(hostile)).not.toThrow();
    expect(() => importFlow(hostile, 'twilio-studio')).not.toThrow();
    expect(() => importFlow({ states: [hostile] }, 'twilio-studio')).not.toThrow();
    expect(() => importFlow(hostile, 'amazon-connect')).not.toThrow();
  });
});
