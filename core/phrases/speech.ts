import type { Speech } from '../interpreter/types.ts';
import { DEFAULTS } from '../schema/defaults.ts';
import { BUILT_IN_PHRASES, PHRASE_KEYS, PHRASE_PLACEHOLDER, type BuiltInPhraseLanguage, type PhraseKey } from './catalogue.ts';

/** A flow's replacements for humanline's phrases, by language tag (`es` or `es-ES`). */
export type PhraseOverrides = Partial<Record<string, Partial<Record<PhraseKey, string>>>>;

/** What of a flow's settings its phrases depend on. */
export interface PhraseSettings {
  phrases?: PhraseOverrides | undefined;
  voice?: string | undefined;
}

type SaidSpeech = Extract<Speech, { type: 'say' }>;

const toPrimarySubtag = (language: string): string => (language.split('-')[0] ?? language).toLowerCase();

/** The text of `key` in `language`: the flow's own for the exact tag, then for its primary subtag, then humanline's; undefined when none has it. */
export function findPhraseText(settings: PhraseSettings | undefined, language: string, key: PhraseKey): string | undefined {
  const overrides = settings?.phrases;
  const primary = toPrimarySubtag(language);
  for (const tag of [language, primary]) {
    const text = overrides !== undefined && Object.hasOwn(overrides, tag) ? overrides[tag]?.[key] : undefined;
    if (text !== undefined) return text;
  }
  return Object.hasOwn(BUILT_IN_PHRASES, primary) ? BUILT_IN_PHRASES[primary as BuiltInPhraseLanguage][key] : undefined;
}

/** The phrases a call in `language` would hear in English, for want of a text in its language. */
export function findMissingPhrases(settings: PhraseSettings | undefined, language: string): PhraseKey[] {
  return PHRASE_KEYS.filter((key) => findPhraseText(settings, language, key) === undefined);
}

function fillValues(text: string, values: Readonly<Record<string, string>>): string {
  // an unknown name becomes empty, as in the flow's prompts, so the caller never hears braces
  return text.replace(PHRASE_PLACEHOLDER, (_, name: string) => (Object.hasOwn(values, name) ? (values[name] ?? '') : ''));
}

/**
 * A phrase as the caller hears it: in the call's language tag and the flow's voice, like the flow's prompts.
 * A language without the phrase hears it in English with the default voice: the flow's voice speaks another language.
 */
export function toPhraseSpeech(settings: PhraseSettings | undefined, language: string, key: PhraseKey, values: Readonly<Record<string, string>> = {}): SaidSpeech {
  const own = findPhraseText(settings, language, key);
  if (own !== undefined) {
    const voice = settings?.voice;
    return { type: 'say', text: fillValues(own, values), language, ...(voice ? { voice } : {}) };
  }
  const english = findPhraseText(settings, DEFAULTS.language, key) ?? BUILT_IN_PHRASES.en[key];
  return { type: 'say', text: fillValues(english, values), language: DEFAULTS.language };
}
