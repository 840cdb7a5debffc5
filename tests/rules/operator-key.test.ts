import rule from '../../core/lint/rules/operator-key.ts';
import { callback, cleanLine, hangup, hours, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };

const speechMenu = (phrases: string[][]) => ({
  ...menu({ '0': 'agent', '1': 'agent' }, { fallback: 'agent' }),
  speech: {},
  options: [
    { key: '0' as const, phrases: phrases[0], next: 'agent' },
    { key: '1' as const, phrases: phrases[1], next: 'hours' },
  ],
});

/** A speech menu whose option 0 goes to the agent and option 1 to a queue while open. */
const toSpeechLine = (phrases: string[][]) =>
  makeFlow('main', { main: speechMenu(phrases), hours: hours('q', 'vm'), q: queue({ answered: 'bye', full: 'vm' }), ...agentNodes });

testRule(rule, {
  valid: [
    { name: '0 goes to the agent', flow: cleanLine() },
    {
      name: '0 through an hours check: a person when open, voicemail when closed',
      flow: makeFlow('main', { main: menu({ '0': 'hours' }, { fallback: 'hours' }), hours: hours('agent', 'vm'), ...agentNodes }),
    },
    {
      name: 'on a closed-line menu, 0 reaches a follow-up',
      flow: makeFlow('closed', { closed: menu({ '1': 'vm', '0': 'cb' }, { fallback: 'vm' }), vm: voicemail('bye'), cb: callback('bye'), bye: hangup() }),
    },
    {
      name: 'speech menus route agent, operator and representative to a person',
      flow: toSpeechLine([['agent', 'operator'], ['speak to a representative', 'representative']]),
    },
    {
      name: 'the words in any case, inside a longer utterance phrase, punctuation and spacing aside',
      flow: toSpeechLine([['Agent!', '  OPERATOR ', 'Representative.'], ['billing']]),
    },
    {
      name: 'words no option takes go to a person by the menu\'s speech.next',
      flow: makeFlow('main', { main: { ...speechMenu([['billing'], ['sales']]), speech: { next: 'agent' } }, hours: hours('q', 'vm'), q: queue({ answered: 'bye', full: 'vm' }), ...agentNodes }),
    },
  ],
  invalid: [
    {
      name: 'words no option takes go by speech.next to a menu, not a person',
      flow: makeFlow('main', {
        main: { ...speechMenu([['agent'], ['billing']]), speech: { next: 'sub' } },
        hours: hours('q', 'vm'),
        q: queue({ answered: 'bye', full: 'vm' }),
        sub: menu({ '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
      errors: [
        { messageId: 'wordNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"operator"' },
        { messageId: 'wordNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"representative"' },
      ],
    },
    {
      name: 'saying just "agent" picks no option when "agent" is only part of the phrase "talk to an agent"',
      flow: makeFlow('m', {
        m: {
          kind: 'menu',
          prompt: 'p',
          speech: { language: 'en-US' },
          options: [{ key: '0', next: 't', phrases: ['talk to an agent', 'operator', 'representative'] }],
          noInput: { next: 't' },
          noMatch: { next: 't' },
        },
        t: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
        vm: { kind: 'voicemail', prompt: 'leave' },
      }),
      errors: [{ messageId: 'wordOnlyInPhrase', nodeId: 'm', path: ['m'], message: 'saying just "agent" picks no option: the phrase "talk to an agent"' }],
    },
    {
      name: 'a word only inside a longer phrase: the runtime re-prompts a caller who says just "representative"',
      flow: toSpeechLine([['agent', 'operator'], ['speak to a representative']]),
      errors: [{ messageId: 'wordOnlyInPhrase', nodeId: 'main', path: ['main'], message: '"speak to a representative"' }],
    },
    {
      name: 'a plural is another word: "agents" does not pick up a caller who says "agent"',
      flow: toSpeechLine([['agents', 'operator', 'representative'], ['billing']]),
      errors: [{ messageId: 'missingWord', nodeId: 'main', path: ['main'], message: '"agent"' }],
    },
    {
      name: 'saying just "agent" picks the option with the bare word, not the one whose longer phrase mentions it',
      flow: makeFlow('main', {
        main: {
          ...speechMenu([]),
          options: [
            { key: '0', phrases: ['talk to an agent', 'operator', 'representative'], next: 'agent' },
            { key: '1', phrases: ['agent'], next: 'sub' },
          ],
        },
        sub: menu({ '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
      errors: [{ messageId: 'wordNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"agent"' }],
    },
    {
      name: 'no 0 at all',
      flow: makeFlow('main', { main: menu({ '1': 'agent' }, { fallback: 'agent' }), ...agentNodes }),
      errors: [{ messageId: 'missingZero', nodeId: 'main', path: ['main'] }],
    },
    {
      name: '0 goes to another menu first',
      flow: makeFlow('main', { main: menu({ '0': 'sub' }, { fallback: 'agent' }), sub: menu({ '0': 'agent' }, { fallback: 'agent' }), ...agentNodes }),
      errors: [{ messageId: 'zeroNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"sub"' }],
    },
    {
      name: 'speech on, but "operator" is missing and "representative" leads to a menu',
      flow: makeFlow('main', {
        main: { ...speechMenu([['agent'], ['representative']]), options: [{ key: '0', phrases: ['agent'], next: 'agent' }, { key: '1', phrases: ['representative'], next: 'sub' }] },
        sub: menu({ '0': 'agent' }, { fallback: 'agent' }),
        ...agentNodes,
      }),
      errors: [
        { messageId: 'missingWord', nodeId: 'main', message: '"operator"' },
        { messageId: 'wordNotHuman', nodeId: 'main', path: ['main', 'sub'], message: '"representative"' },
      ],
    },
  ],
});
