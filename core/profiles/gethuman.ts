import type { Profile } from './types.ts';

/** The GetHuman Standard: ten practices for phone lines that let a caller reach a person. */
const profile: Profile = {
  id: 'humanline:gethuman',
  title: 'GetHuman Standard',
  follows: { text: 'The GetHuman Standard, published by gethuman.com', version: '2007' },
  status: 'standard',
  requirements: [
    {
      id: 'GH-1',
      title: '0 or "operator" always reaches a person',
      text: 'At any menu the caller can press 0 or say "operator" to be queued for a person.',
      rules: { 'operator-key': 'error', 'human-unreachable': 'error', 'steps-to-human': 'error' },
    },
    {
      id: 'GH-2',
      title: 'Estimated wait on entering the queue',
      text: 'A caller entering the queue hears an estimate of the wait, revised from time to time while holding.',
      rules: { 'queue-wait-announcement': 'error', 'queue-hygiene': 'error' },
      cannotCheck: 'That the estimate is accurate: it comes from the contact centre\'s traffic at the time of the call.',
    },
    {
      id: 'GH-3',
      title: 'Never ask twice',
      text: 'The caller is never asked to repeat what they already gave during the call, to the line or to a person.',
      rules: { 'no-repeat': 'error' },
      cannotCheck: 'That the people answering listen to the whisper, and that agents taking calls from a queue dial in through humanline\'s agent URL so they hear it.',
    },
    {
      id: 'GH-4',
      title: 'A callback when nobody is available',
      text: 'When no person is available the caller is offered a call back, or a message answered the next business day.',
      rules: { 'queue-callback-offer': 'error', 'queue-hygiene': 'error', 'human-unreachable': 'error' },
      cannotCheck: 'That the call back is actually made, and when.',
    },
    {
      id: 'GH-5',
      title: 'Keys for every spoken option',
      text: 'A speech menu can always be answered with the keypad too.',
      rules: { 'dtmf-fallback': 'error', 'dtmf-reachability': 'error' },
    },
    {
      id: 'GH-6',
      title: 'Short prompts',
      text: 'Callers are not made to listen to long or verbose prompts.',
      rules: { 'prompt-length': ['error', { maxSeconds: 20 }], 'menu-options': 'error' },
    },
    {
      id: 'GH-7',
      title: 'Barge-in',
      text: 'Callers can interrupt a prompt with a key or a word when that gets them there sooner.',
      rules: { 'menu-barge-in': 'error' },
    },
    {
      id: 'GH-8',
      title: 'No hang-up on errors or silence',
      text: 'The line never disconnects for a caller\'s errors or silence; it queues for a person or offers a message or call back instead.',
      rules: { 'silent-caller': 'error', 'dead-end': 'error', 'retry-limit': 'error', 'input-timeout-warning': 'error' },
    },
    {
      id: 'GH-9',
      title: 'Language choice',
      text: 'The line speaks the callers\' main languages and lets them choose one.',
      rules: { 'translation-coverage': 'error', 'language-choice': 'error' },
      cannotCheck: 'Which languages the callers speak: a line that declares one language has no choice to offer.',
    },
    {
      id: 'GH-10',
      title: 'People who can help',
      text: 'The people a caller reaches speak the caller\'s language and can handle the request.',
      rules: {},
      cannotCheck: 'Who answers and what they can do is outside the flow.',
    },
  ],
};

export default profile;
