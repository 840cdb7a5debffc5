import type { Profile } from './types.ts';

/** Spain's customer-service law: a person on request, a human option in the menu, calls attended within three minutes. */
const profile: Profile = {
  id: 'humanline:es-ley-10-2025',
  title: 'Spain: Ley 10/2025, customer-service law',
  follows: {
    text: 'Ley 10/2025, de 26 de diciembre, por la que se regulan los servicios de atención a la clientela (BOE, 27 December 2025)',
    version: '2025-12-26',
    url: 'https://www.boe.es/eli/es/l/2025/12/26/10',
  },
  status: 'law',
  complianceBy: '2026-12-28',
  requirements: [
    {
      id: 'ES-1',
      title: 'A person on request, at any stage',
      text: 'Automated answering may not be the only channel: the caller can ask for a person at any point of the call.',
      rules: { 'operator-key': 'error', 'human-unreachable': 'error', 'steps-to-human': 'error' },
      measures: ['secondsToPersonP95FromRequest'],
    },
    {
      id: 'ES-2',
      title: 'A human option in the main menu',
      text: 'The phone menu offers talking to a person among its options.',
      rules: { 'operator-key': 'error', 'human-option-first-menu': 'error' },
    },
    {
      id: 'ES-3',
      title: 'No cutting a call for a long wait',
      text: 'The line does not end a call because the wait is long, nor leave the caller with nowhere to go.',
      rules: { 'dead-end': 'error', 'silent-caller': 'error', 'failure-branch': 'error', 'queue-hygiene': 'error' },
      measures: ['lineDisconnectsWhileWaiting'],
      thresholds: { lineDisconnectsWhileWaiting: { comparison: 'atMost', value: 0, unit: 'calls' } },
    },
    {
      id: 'ES-4',
      title: 'Attended within three minutes',
      text: '95 % of calls are attended by a person within three minutes on average.',
      rules: { 'seconds-to-person': ['error', { from: 'anywhere', maxSeconds: 180 }] },
      measures: ['attendedWithin180s', 'secondsToPersonP95FromStart'],
      thresholds: { attendedWithin180s: { comparison: 'atLeast', value: 0.95, unit: 'share' } },
      cannotCheck: 'The 95 % share depends on staffing: the flow can only prove that its own prompts, rings and waits fit in three minutes.',
    },
    {
      id: 'ES-5',
      title: 'The caller\'s language',
      text: 'Service in the co-official languages where they apply, and in the language the caller used.',
      rules: { 'translation-coverage': 'error', 'language-choice': 'error' },
      cannotCheck: 'Which co-official languages apply where the company operates, and that the people answering speak them.',
    },
    {
      id: 'ES-6',
      title: 'A reference for every complaint',
      text: 'Every query, complaint or claim gets an identifying reference the caller can follow it up with.',
      rules: {},
      cannotCheck: 'References are issued by the company\'s case system, not by the phone flow.',
    },
  ],
};

export default profile;
