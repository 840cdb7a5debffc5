// Two flows of one line, for the report: `entry` hands every call to `brand`, where its only person is.

// An entry flow whose only person is in the flow it hands the call to, one caller step before the link.
export const entryFlow = {
  name: 'Entry',
  entry: 'main',
  nodes: {
    main: {
      kind: 'input',
      prompt: 'Enter your account number, then the pound key.',
      variable: 'account',
      minDigits: 4,
      maxDigits: 8,
      finishOnKey: '#',
      next: 'to-brand',
      noInput: { retries: 1, next: 'to-brand' },
      invalid: { retries: 1, next: 'to-brand' },
    },
    'to-brand': { kind: 'goto', flow: 'brand', on: { failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
};

export const brandFlow = {
  name: 'Brand',
  entry: 'desk',
  nodes: {
    desk: { kind: 'menu', label: 'Brand desk', prompt: 'For an agent press 0.', options: [{ key: '0', next: 't' }], noInput: { next: 't' }, noMatch: { next: 't' } },
    t: { kind: 'transfer', label: 'Brand agents', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
};
