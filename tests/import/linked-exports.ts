// Exports that hand calls to each other: two Connect flows by ARN and name, two Studio flows by subflow sid.

export const ARN = 'arn:aws:connect:eu-west-1:123:instance/abc/contact-flow';

export const connectMain = {
  Name: 'Main line',
  Type: 'CONTACT_FLOW',
  Content: JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'Welcome',
    Metadata: { ActionMetadata: { 'To overflow': { parameters: { ContactFlowId: { displayName: 'Overflow' } } } } },
    Actions: [
      { Identifier: 'Welcome', Type: 'MessageParticipant', Parameters: { Text: 'Welcome.' }, Transitions: { NextAction: 'To overflow' } },
      { Identifier: 'To overflow', Type: 'TransferToFlow', Parameters: { ContactFlowId: `${ARN}/1111-aaaa` }, Transitions: { NextAction: 'To billing', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'To billing' }] } },
      { Identifier: 'To billing', Type: 'TransferToFlow', Parameters: { ContactFlowId: `${ARN}/9999-ffff` }, Transitions: { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'Bye' }] } },
      { Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  }),
};

/** DescribeContactFlow's answer: the ARN and id sit on the wrapper. */
export const connectOverflow = {
  ContactFlow: {
    Arn: `${ARN}/1111-aaaa`,
    Id: '1111-aaaa',
    Name: 'Overflow',
    Content: {
      Version: '2019-10-30',
      StartAction: 'Sorry',
      Actions: [
        { Identifier: 'Sorry', Type: 'MessageParticipant', Parameters: { Text: 'All lines are busy.' }, Transitions: { NextAction: 'Bye' } },
        { Identifier: 'Bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    },
  },
};

export const studioMain = {
  description: 'Main IVR',
  initial_state: 'Trigger',
  flags: {},
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'hello' }], properties: {} },
    { name: 'hello', type: 'say-play', transitions: [{ event: 'audioComplete', next: 'billing' }], properties: { say: 'Hello.' } },
    { name: 'billing', type: 'run-subflow', transitions: [{ event: 'completed', next: 'thanks' }, { event: 'failed', next: 'sorry' }], properties: { flow_sid: 'FW0123abcd' } },
    { name: 'thanks', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Thanks.' } },
    { name: 'sorry', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'Sorry.' } },
  ],
};

export const studioBilling = {
  description: 'Billing',
  initial_state: 'Trigger',
  flags: {},
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'owe' }], properties: {} },
    { name: 'owe', type: 'say-play', transitions: [{ event: 'audioComplete' }], properties: { say: 'You owe nothing.' } },
  ],
};
