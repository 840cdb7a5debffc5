import type { Flow, Prompt } from '../schema/flow.ts';
import { toXmlText } from '../schema/xml-text.ts';
import { getDefaultLanguage, getVariable } from './state.ts';
import type { CallInfo, CallState, Speech } from './types.ts';

const CALLER_FIELDS = new Set<string>(['callSid', 'from', 'to', 'fromCountry', 'fromState', 'fromCity']);

/**
 * The value a name stands for in `{{name}}` and in condition tests:
 * `caller.from` and the other caller fields, `language` (the caller's
 * language), else a variable (look-up data sits under `saveAs.field`).
 */
export function resolveName(state: CallState, name: string): CallState['variables'][string] | undefined {
  if (name.startsWith('caller.')) {
    const field = name.slice('caller.'.length);
    return CALLER_FIELDS.has(field) ? state.caller[field as keyof CallInfo] : undefined;
  }
  if (name === 'language') return state.language;
  return getVariable(state, name);
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders; unknown names become empty, so the caller never hears braces.
 * Values lose the characters TwiML cannot carry: a call's state may predate the cleaning of look-up answers.
 */
export function fillPlaceholders(text: string, state: CallState, encode: (value: string) => string = (value) => value): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = resolveName(state, name);
    return value === undefined ? '' : encode(toXmlText(String(value)));
  });
}

/** The text of a prompt for the caller's language, else the flow's default, else the first one given. */
export function pickText(flow: Flow, prompt: Exclude<Prompt, { audio: string }>, language: string): { text: string; language: string } | undefined {
  const fallback = getDefaultLanguage(flow);
  if (typeof prompt === 'string') return { text: prompt, language: fallback };
  for (const tag of [language, fallback]) {
    const text = Object.hasOwn(prompt, tag) ? prompt[tag] : undefined;
    if (typeof text === 'string') return { text, language: tag };
  }
  const first = Object.entries(prompt)[0];
  return first && { text: first[1], language: first[0] };
}

/** What the caller hears for a prompt: a recording, or its text in their language with placeholders filled. */
export function toSpeech(flow: Flow, state: CallState, prompt: Prompt | undefined): Speech[] {
  if (prompt === undefined) return [];
  if (typeof prompt === 'object' && 'audio' in prompt && typeof prompt.audio === 'string') return [{ type: 'play', url: prompt.audio }];
  const picked = pickText(flow, prompt as Exclude<Prompt, { audio: string }>, state.language);
  if (!picked) return [];
  const voice = flow.settings?.voice;
  return [{ type: 'say', text: fillPlaceholders(picked.text, state), language: picked.language, ...(voice ? { voice } : {}) }];
}
