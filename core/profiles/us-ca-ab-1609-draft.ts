import type { Profile } from './types.ts';

/** California's AB 1609 as drafted: a person within minutes of asking. A draft: its thresholds are options and may change. */
const profile: Profile = {
  id: 'humanline:us-ca-ab-1609-draft',
  title: 'California: AB 1609 (draft)',
  follows: { text: 'California Assembly Bill 1609, as amended (pending)', version: '2026 draft' },
  status: 'draft',
  requirements: [
    {
      id: 'CA-1',
      title: 'A person on request',
      text: 'A caller can ask to speak with a person at any point of the automated system.',
      rules: { 'operator-key': 'warn', 'human-unreachable': 'warn', 'steps-to-human': 'warn' },
    },
    {
      id: 'CA-2',
      title: 'A person within 5 minutes of asking',
      text: 'A caller who asks for a person is connected within 5 minutes (a later draft: 15 minutes, or an appointment).',
      rules: { 'seconds-to-person': ['warn', { from: 'request', maxSeconds: 300 }] },
      measures: ['secondsToPersonP95FromRequest'],
      thresholds: { secondsToPersonP95FromRequest: { comparison: 'atMost', value: 300, unit: 'seconds' } },
      cannotCheck: 'That a person is free in time: the flow can only prove that its own prompts and waits fit.',
    },
    {
      id: 'CA-3',
      title: 'A callback instead of holding',
      text: 'When no person is free in time, the caller is offered a call back or an appointment.',
      rules: { 'queue-callback-offer': 'warn' },
      cannotCheck: 'That the call back or the appointment is kept.',
    },
  ],
};

export default profile;
