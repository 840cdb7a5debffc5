import { describe, expect, it } from 'vitest';
import { BUILT_IN_PHRASE_LANGUAGES, BUILT_IN_PHRASES, PHRASE_KEYS, PHRASE_PLACEHOLDERS } from '../../core/phrases/catalogue.ts';
import { findMissingPhrases, toPhraseSpeech } from '../../core/phrases/speech.ts';
import { parseFlow } from '../../core/schema/parse.ts';
import { cleanLine, hangup, makeFlow, menu, transfer, voicemail } from '../helpers/flows.ts';
import { call, press } from '../interpreter/helpers.ts';

// humanline's own phrases: one text per language for each, chosen by the call's language, replaceable by the flow.

const placeholdersOf = (text: string) => [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1]);

describe('the shipped phrases', () => {
  it('come in the languages of issue 13, English first', () => {
    expect(BUILT_IN_PHRASE_LANGUAGES).toEqual(['en', 'es', 'ca', 'eu', 'gl', 'nl', 'et', 'hu']);
  });

  describe.each(BUILT_IN_PHRASE_LANGUAGES)('%s', (language) => {
    it.each(PHRASE_KEYS)('has %s, with exactly its placeholders', (key) => {
      const text: string = BUILT_IN_PHRASES[language][key];
      expect(text.trim()).not.toBe('');
      expect(placeholdersOf(text).sort()).toEqual([...PHRASE_PLACEHOLDERS[key]].sort());
    });

    it('lacks none, so no call in it hears English', () => {
      expect(findMissingPhrases(undefined, `${language}-XX`)).toEqual([]);
    });
  });
});

describe('choosing a phrase', () => {
  const settings = { voice: 'Polly.Lucia', phrases: { es: { queuePosition: 'Usted es el número {{position}} de la cola.' }, 'es-MX': { queuePosition: 'Tiene el lugar {{position}} en la fila.' } } };

  it('speaks the call\'s language in its tag and the flow\'s voice, numbers in place', () => {
    expect(toPhraseSpeech({ voice: 'Polly.Lucia' }, 'es-ES', 'queuePosition', { position: '3' })).toEqual({
      type: 'say',
      text: 'Su llamada ocupa la posición 3 en la cola.',
      language: 'es-ES',
      voice: 'Polly.Lucia',
    });
    expect(toPhraseSpeech(undefined, 'hu-HU', 'estimatedWaitMinutes', { minutes: '4' })).toEqual({
      type: 'say',
      text: 'A várható várakozási idő körülbelül 4 perc.',
      language: 'hu-HU',
    });
  });

  it('takes the flow\'s text for the exact tag, then for the language, then humanline\'s', () => {
    expect(toPhraseSpeech(settings, 'es-MX', 'queuePosition', { position: '2' }).text).toBe('Tiene el lugar 2 en la fila.');
    expect(toPhraseSpeech(settings, 'es-ES', 'queuePosition', { position: '2' }).text).toBe('Usted es el número 2 de la cola.');
    expect(toPhraseSpeech(settings, 'es-ES', 'queueNext').text).toBe('Su llamada es la siguiente en ser atendida.');
  });

  it('falls back to English in en-US without the flow\'s voice for a language with no phrases, and a flow may add one', () => {
    expect(toPhraseSpeech({ voice: 'Polly.Lea' }, 'fr-FR', 'apology')).toEqual({ type: 'say', text: BUILT_IN_PHRASES.en.apology, language: 'en-US' });
    expect(findMissingPhrases(undefined, 'fr-FR')).toEqual(PHRASE_KEYS);
    const french = { voice: 'Polly.Lea', phrases: { fr: { apology: 'Désolé, un problème est survenu. Je vous passe un conseiller.' } } };
    expect(toPhraseSpeech(french, 'fr-FR', 'apology')).toEqual({ type: 'say', text: french.phrases.fr.apology, language: 'fr-FR', voice: 'Polly.Lea' });
    expect(findMissingPhrases(french, 'fr-FR')).not.toContain('apology');
  });
});

describe('settings.phrases in a flow', () => {
  const withPhrases = (phrases: unknown) => ({ ...cleanLine(), settings: { phrases } });

  it('accepts the phrases by name, per language tag', () => {
    expect(parseFlow(withPhrases({ es: { apology: 'Perdone las molestias.' }, 'nl-BE': { queueNext: 'U bent de volgende.' } })).ok).toBe(true);
  });

  it.each([
    ['an unknown phrase name', { es: { apologies: 'Perdone.' } }, 'settings.phrases.es'],
    ['an empty text', { es: { apology: '' } }, 'settings.phrases.es.apology'],
    ['a tag that is no language', { Spanish: { apology: 'Perdone.' } }, 'settings.phrases.Spanish'],
  ])('refuses %s', (_, phrases, path) => {
    const result = parseFlow(withPhrases(phrases));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toContain(path);
  });

  it('refuses a placeholder the phrase has no value for, naming the ones it has', () => {
    const result = parseFlow(withPhrases({ es: { queuePosition: 'Usted es el número {{pos}}.', apology: 'Perdone, {{name}}.' } }));
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'settings.phrases.es.apology', message: '{{name}} means nothing in apology, which may use no placeholder' },
      { path: 'settings.phrases.es.queuePosition', message: '{{pos}} means nothing in queuePosition, which may use {{position}}' },
    ]);
  });
});

describe('the guard\'s apology', () => {
  const loop = (settings: object) =>
    makeFlow(
      'main',
      { main: menu({ '1': 'main', '0': 'near' }, { fallback: 'near' }), near: transfer({ answered: 'bye', onFailure: 'vm' }), vm: voicemail('bye'), bye: hangup('Adiós.') },
      { settings },
    );

  it('is spoken in the caller\'s language, or as the flow wrote it', () => {
    const spanish = call(loop({ languages: ['es-ES'], voice: 'Polly.Lucia' }), [press('1'), press('1'), press('1')])[3]!;
    expect(spanish.speech.at(-1)).toEqual({ type: 'say', text: 'Le pasamos con una persona que podrá ayudarle.', language: 'es-ES', voice: 'Polly.Lucia' });
    const own = call(loop({ languages: ['es-ES'], phrases: { es: { guardApology: 'Un momento, le atiende una persona.' } } }), [press('1'), press('1'), press('1')])[3]!;
    expect(own.speech.at(-1)).toMatchObject({ text: 'Un momento, le atiende una persona.', language: 'es-ES' });
  });
});
