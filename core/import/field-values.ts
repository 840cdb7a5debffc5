import { compileFastCheck, type FastCheck } from '../schema/fast-check.ts';
import { AudioPromptSchema, DtmfKeySchema, LanguageTagSchema, type Prompt } from '../schema/flow.ts';
import { toWords, type ImportContext, type LazyWords } from './import-context.ts';

// Conversions of single source values into values our schema accepts. Each checks against
// the schema's own field, so an imported flow cannot fail `parseFlow` on a detail.

/** Recordings in exports carry no length; the estimate keeps the seconds-to-human figures honest enough. */
export const ASSUMED_AUDIO_SECONDS = 10;

const AudioUrlSchema = AudioPromptSchema.shape.audio;
let isCleanAudioUrl: FastCheck | undefined;

export function isUrl(value: string): boolean {
  // The compiled check accepts only what zod accepts, without zod's parse result per URL; zod decides the rest.
  isCleanAudioUrl ??= compileFastCheck(AudioUrlSchema);
  return isCleanAudioUrl(value) || AudioUrlSchema.safeParse(value).success;
}

type DtmfKey = ReturnType<typeof DtmfKeySchema.parse>;

/** The schema's own keys, looked up without a parse result per key. */
const DTMF_KEYS: ReadonlySet<string> = new Set<string>(DtmfKeySchema.options);

export function isDtmfKey(value: string): value is DtmfKey {
  return DTMF_KEYS.has(value);
}

export function toDtmfKey(value: string): DtmfKey | undefined {
  const key = value.trim();
  return isDtmfKey(key) ? key : undefined;
}

export function toLanguageTag(value: unknown): string | undefined {
  return typeof value === 'string' && LanguageTagSchema.safeParse(value).success ? value : undefined;
}

/** `+34 910 00-00-00` → `+34910000000`; undefined when it is no E.164 number. */
export function toE164(value: string): string | undefined {
  const compact = value.replace(/[\s\-().]/g, '');
  return /^\+[1-9]\d{1,14}$/.test(compact) ? compact : undefined;
}

/** A number within [min, max], or undefined. */
export function inRange(value: number | undefined, min: number, max: number): number | undefined {
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

export function toInteger(value: number | undefined, min: number, max: number): number | undefined {
  return value !== undefined && Number.isInteger(value) ? inRange(value, min, max) : undefined;
}

/** Comma-separated lists as Studio writes them (`"sales, billing"`). */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    if (trimmed !== '') parts.push(trimmed);
  }
  return parts;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a source widget or action plays, as far as the export says. */
export interface SourcePrompt {
  text?: string | undefined;
  audioUrl?: string | undefined;
  /** words for the finding when neither is usable, e.g. `Connect prompt "Welcome"` */
  missing: LazyWords;
}

/** The prompt a node needs: the text, else the recording with an assumed length, else a placeholder. */
export function toPrompt(ctx: ImportContext, nodeId: string, source: SourcePrompt): Prompt {
  if (source.text !== undefined && source.text.trim() !== '') return source.text.trim();
  if (source.audioUrl !== undefined && isUrl(source.audioUrl)) {
    ctx.findings.warn(nodeId, `the recording ${source.audioUrl} has no stated length: imported with an assumed ${ASSUMED_AUDIO_SECONDS} s`);
    return { audio: source.audioUrl, seconds: ASSUMED_AUDIO_SECONDS };
  }
  const missing = toWords(source.missing);
  const placeholder = `(${missing})`;
  ctx.findings.warn(nodeId, `the prompt could not be imported (${missing}): it became the placeholder text "${placeholder}"`);
  return placeholder;
}
