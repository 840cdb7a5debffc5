import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import rule, { getUsedPhrases } from '../../core/lint/rules/language-choice.ts';
import { PHRASE_KEYS } from '../../core/phrases/catalogue.ts';
import { FlowSchema, type Flow, type FlowNode } from '../../core/schema/flow.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { callback, hangup, hours, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const agentNodes = { agent: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup() };
const setLanguage = (language: string, next = 'main'): FlowNode => ({ kind: 'set', assign: { language }, next });
const main = menu({ '0': 'agent' }, { fallback: 'agent' });
const spanishAndCatalan = { settings: { languages: ['es-ES', 'ca-ES'] } };

/** A line in `languages` whose first menu offers one option per language, in order, each setting it. */
function languageLine(languages: string[], extra: Partial<Flow> = {}, nodes: Record<string, FlowNode> = {}): Flow {
  const keys = Object.fromEntries(languages.map((_, index) => [String(index + 1), `lang${index}`]));
  const sets = Object.fromEntries(languages.map((language, index) => [`lang${index}`, setLanguage(language)]));
  return makeFlow('choose', { choose: menu({ ...keys, '0': 'agent' }, { fallback: 'agent' }), ...sets, main, ...agentNodes, ...nodes }, { settings: { languages }, ...extra });
}

/** Every humanline phrase in French, as a flow would give them. */
const FRENCH = Object.fromEntries(PHRASE_KEYS.map((key) => [key, key === 'queuePosition' ? 'Vous êtes le numéro {{position}}.' : key === 'estimatedWaitMinutes' ? 'Environ {{minutes}} minutes.' : key === 'confirmCallerNumber' ? 'Pour le {{number}}, tapez 1.' : 'Texte.']));

testRule(rule, {
  valid: [
    { name: 'one language declared: nothing to choose', flow: makeFlow('main', { main, ...agentNodes }, { settings: { languages: ['es-ES'] } }) },
    { name: 'the first menu sets each declared language', flow: languageLine(['es-ES', 'ca-ES', 'eu-ES', 'gl-ES']) },
    {
      name: 'an option may go through a prompt and set the language in another case, before the next menu',
      flow: makeFlow('choose', {
        choose: menu({ '1': 'hola', '2': 'bon', '0': 'agent' }, { fallback: 'agent' }),
        hola: { kind: 'say', prompt: 'Hola.', next: 'es' },
        es: setLanguage('ES-es'),
        bon: { kind: 'set', assign: { topic: 'catala' }, next: 'ca' },
        ca: setLanguage('ca-ES'),
        main,
        ...agentNodes,
      }, spanishAndCatalan),
    },
    {
      name: 'a language the flow gives every phrase of in settings.phrases, humanline having none',
      flow: languageLine(['es-ES', 'fr-FR'], { settings: { languages: ['es-ES', 'fr-FR'], phrases: { fr: FRENCH } } }),
    },
    {
      name: 'a queue that announces nothing needs no queue phrase in a language humanline lacks, only the error ones',
      flow: languageLine(['es-ES', 'fr-FR'], { settings: { languages: ['es-ES', 'fr-FR'], phrases: { fr: { apology: 'Désolé.', apologyNoPerson: 'Désolé.', dialFailed: 'Désolé.', guardApology: 'Un instant.' } } } }, {
        agent: { kind: 'queue', queue: 'support', on: { answered: 'bye', full: 'vm' } },
      }),
    },
  ],
  invalid: [
    {
      name: 'the entry sets the language from the caller\'s data without asking: no choice',
      flow: makeFlow('detect', { detect: { kind: 'set', assign: { language: '{{caller.language}}' }, next: 'main' }, main, ...agentNodes }, spanishAndCatalan),
      errors: [{ messageId: 'noLanguageChoice', nodeId: 'main', path: ['detect', 'main'], message: 'among es-ES, ca-ES' }],
    },
    {
      name: 'the language menu offers three of four declared languages',
      flow: languageLine(['es-ES', 'ca-ES', 'eu-ES'], { settings: { languages: ['es-ES', 'ca-ES', 'eu-ES', 'gl-ES'] } }),
      errors: [{ messageId: 'missingLanguages', nodeId: 'choose', path: ['choose'], message: 'no option chooses gl-ES' }],
    },
    {
      name: 'an option whose language depends on the hours is not the caller\'s choice; a language menu behind another menu comes too late',
      flow: makeFlow('welcome', {
        welcome: menu({ '1': 'hours', '2': 'languages' }, { fallback: 'agent' }),
        hours: hours('es', 'ca'),
        es: setLanguage('es-ES'),
        ca: setLanguage('ca-ES'),
        languages: menu({ '1': 'es', '2': 'ca' }, { fallback: 'agent' }),
        main,
        ...agentNodes,
      }, spanishAndCatalan),
      errors: [{ messageId: 'noLanguageChoice', nodeId: 'welcome', path: ['welcome'] }],
    },
    {
      name: 'each first menu is checked: the closed-hours one offers no language',
      flow: makeFlow('hours', {
        hours: hours('choose', 'closed'),
        choose: menu({ '1': 'es', '2': 'ca', '0': 'agent' }, { fallback: 'agent' }),
        es: setLanguage('es-ES'),
        ca: setLanguage('ca-ES'),
        closed: menu({ '1': 'cb' }, { fallback: 'cb' }),
        cb: callback('bye'),
        main,
        ...agentNodes,
      }, spanishAndCatalan),
      errors: [{ messageId: 'noLanguageChoice', nodeId: 'closed', path: ['hours', 'closed'] }],
    },
    {
      name: 'French, which humanline has no phrases in: the error phrases, and the queue\'s announcements and the callback\'s it can reach',
      flow: languageLine(['es-ES', 'fr-FR'], {}, { agent: queue({ answered: 'bye', full: 'cb' }), cb: { ...callback('bye'), confirmNumber: true } }),
      errors: [
        {
          messageId: 'missingPhrases',
          message: 'A call in fr-FR would hear humanline\'s phrases apology, apologyNoPerson, dialFailed, guardApology, queueNext, queuePosition, estimatedWaitOneMinute, estimatedWaitMinutes, confirmCallerNumber, enterCallbackNumber in English',
        },
      ],
    },
    {
      name: 'a flow\'s French phrases that leave out the guard\'s hand-over',
      flow: languageLine(['es-ES', 'fr-FR'], { settings: { languages: ['es-ES', 'fr-FR'], phrases: { fr: { apology: 'Désolé.', apologyNoPerson: 'Désolé.', dialFailed: 'Désolé.' } } } }),
      errors: [{ messageId: 'missingPhrases', message: 'phrases guardApology in English' }],
    },
  ],
});

describe('language-choice', () => {
  it('is off by default: a flow without config is not checked by it', () => {
    const flow = makeFlow('main', { main, ...agentNodes }, spanishAndCatalan);
    expect(lintParsedFlow(flow).result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('passes the shipped multilingual line: its first menu sets Dutch, Estonian and Hungarian, humanline speaks all three', () => {
    const flow = FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/multilingual.json', import.meta.url), 'utf8')));
    const { result } = lintParsedFlow(flow, { config: { rules: { [rule.id]: 'error' } } });
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('counts only phrases a reachable node speaks', () => {
    const flow = languageLine(['es-ES', 'ca-ES'], {}, { lost: queue({ answered: 'bye' }) });
    expect(getUsedPhrases(analyzeFlow(flow))).toEqual(['apology', 'apologyNoPerson', 'dialFailed', 'guardApology']);
  });
});
