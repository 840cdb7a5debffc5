import type { Flow, NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLineWith, http, input, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';

/** A recorded announcement of `seconds` before the main menu. */
export const slowLine = (seconds: number): Flow =>
  cleanLineWith({ welcome: { kind: 'say', prompt: { audio: 'https://example.com/terms.mp3', seconds }, next: 'main' } });

const lineWithQueue = (hold: NodeOfKind<'queue'>): Flow =>
  makeFlow('main', { main: menu({ '0': 'hold' }, { fallback: 'hold' }), hold, vm: voicemail() });

/** A flow that breaks one requirement, the rule that says so, and the node its first finding names. */
export interface FailingCase {
  profileId: string;
  requirementId: string;
  ruleId: string;
  nodeId: string;
  flow: Flow;
}

const GETHUMAN = 'humanline:gethuman';
const SPAIN = 'humanline:es-ley-10-2025';
const CALIFORNIA = 'humanline:us-ca-ab-1609-draft';

/** One per requirement with rules: every requirement that can fail is shown failing. */
export const FAILING_CASES: FailingCase[] = [
  { profileId: GETHUMAN, requirementId: 'GH-1', ruleId: 'operator-key', nodeId: 'main', flow: cleanLineWith({ main: menu({ '1': 'info', '2': 'agent', '9': 'bye' }, { fallback: 'agent' }) }) },
  { profileId: GETHUMAN, requirementId: 'GH-2', ruleId: 'queue-wait-announcement', nodeId: 'hold', flow: lineWithQueue({ kind: 'queue', queue: 'support', on: { full: 'vm' }, callbackOffer: { key: '1', next: 'vm' } }) },
  {
    profileId: GETHUMAN,
    requirementId: 'GH-3',
    ruleId: 'no-repeat',
    nodeId: 'retype',
    flow: makeFlow('account', {
      account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
      lookup: http({ ok: 'agent', failed: 'retype', timeout: 'agent' }),
      retype: input('agent', { noInput: 'agent', invalid: 'agent' }),
      agent: transfer({ onFailure: 'vm' }),
      vm: voicemail(),
    }),
  },
  { profileId: GETHUMAN, requirementId: 'GH-4', ruleId: 'queue-callback-offer', nodeId: 'hold', flow: lineWithQueue(queue({ full: 'vm' })) },
  {
    profileId: GETHUMAN,
    requirementId: 'GH-5',
    ruleId: 'dtmf-fallback',
    nodeId: 'main',
    flow: cleanLineWith({ main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), options: [{ phrases: ['billing'], next: 'info' }, { key: '0', next: 'agent' }], speech: { language: 'en-US' } } }),
  },
  { profileId: GETHUMAN, requirementId: 'GH-6', ruleId: 'prompt-length', nodeId: 'info', flow: cleanLineWith({ info: { kind: 'say', prompt: 'We are open. '.repeat(40), next: 'main' } }) },
  { profileId: GETHUMAN, requirementId: 'GH-7', ruleId: 'menu-barge-in', nodeId: 'main', flow: cleanLineWith({ main: { ...menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), bargeIn: false } }) },
  { profileId: GETHUMAN, requirementId: 'GH-8', ruleId: 'silent-caller', nodeId: 'main', flow: cleanLineWith({ main: menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { noInput: 'bye', noMatch: 'agent' }) }) },
  { profileId: GETHUMAN, requirementId: 'GH-9', ruleId: 'translation-coverage', nodeId: 'welcome', flow: { ...cleanLineWith({}), settings: { languages: ['en-US', 'es-ES'] } } },
  {
    profileId: SPAIN,
    requirementId: 'ES-1',
    ruleId: 'steps-to-human',
    nodeId: 'one',
    flow: makeFlow('one', {
      one: menu({ '1': 'two' }, { fallback: 'vm' }),
      two: menu({ '1': 'three' }, { fallback: 'vm' }),
      three: menu({ '1': 'four' }, { fallback: 'vm' }),
      four: menu({ '1': 'agent' }, { fallback: 'vm' }),
      agent: transfer({ onFailure: 'vm' }),
      vm: voicemail(),
    }),
  },
  {
    profileId: SPAIN,
    requirementId: 'ES-2',
    ruleId: 'human-option-first-menu',
    nodeId: 'main',
    flow: makeFlow('main', { main: menu({ '1': 'sub' }, { fallback: 'vm' }), sub: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ onFailure: 'vm' }), vm: voicemail() }),
  },
  { profileId: SPAIN, requirementId: 'ES-3', ruleId: 'dead-end', nodeId: 'agent', flow: cleanLineWith({ agent: transfer({ answered: 'bye', busy: 'vm', noAnswer: 'vm' }) }) },
  { profileId: SPAIN, requirementId: 'ES-4', ruleId: 'seconds-to-person', nodeId: 'welcome', flow: slowLine(200) },
  { profileId: SPAIN, requirementId: 'ES-5', ruleId: 'translation-coverage', nodeId: 'welcome', flow: { ...cleanLineWith({}), settings: { languages: ['en-US', 'es-ES'] } } },
  {
    profileId: CALIFORNIA,
    requirementId: 'CA-1',
    ruleId: 'human-unreachable',
    nodeId: 'main',
    flow: makeFlow('main', { main: menu({ '1': 'info' }, { fallback: 'info' }), info: { kind: 'hangup', prompt: 'We are open nine to five.' } }),
  },
  {
    profileId: CALIFORNIA,
    requirementId: 'CA-2',
    ruleId: 'seconds-to-person',
    nodeId: 'agent',
    // Ten minutes of ringing before the voicemail: far past five minutes after the caller asked.
    flow: cleanLineWith({ agent: { ...transfer({ answered: 'bye', onFailure: 'vm' }), timeout: 600 } }),
  },
  { profileId: CALIFORNIA, requirementId: 'CA-3', ruleId: 'queue-callback-offer', nodeId: 'hold', flow: lineWithQueue(queue({ full: 'vm' })) },
];
