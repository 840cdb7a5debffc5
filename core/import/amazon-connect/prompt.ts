import type { Prompt } from '../../schema/flow.ts';
import { toPrompt } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { getOwn, readText } from '../json-shape.ts';
import { getDisplayName, type ConnectAction } from './actions.ts';

// made once: a regex literal is a new object each time it is evaluated, and an export has thousands of prompts
const SSML_TAG = /<[^>]*>/g;
const XML_ENTITIES: ReadonlyArray<{ entity: RegExp; char: string }> = [
  { entity: /&lt;/g, char: '<' },
  { entity: /&gt;/g, char: '>' },
  { entity: /&quot;/g, char: '"' },
  { entity: /&apos;/g, char: "'" },
  { entity: /&amp;/g, char: '&' },
];
const WHITE_SPACE = /\s+/g;

/** SSML as the words a caller hears: tags dropped, the XML entities spelt out (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
function ssmlToText(ssml: string): string {
  let text = ssml.replace(SSML_TAG, ' ');
  // every entity starts with `&`: most prompts have none, and each replace scanned the text again
  for (let index = 0; index < XML_ENTITIES.length && text.includes('&'); index++) {
    const { entity, char } = XML_ENTITIES[index]!;
    text = text.replace(entity, char);
  }
  return text.replace(WHITE_SPACE, ' ').trim();
}

/** What a block plays: Text, else SSML as text, else its recording; a stored prompt (PromptId) lives in Connect. */
export function getConnectPrompt(ctx: ImportContext, nodeId: string, action: ConnectAction): Prompt {
  const params = action.parameters;
  const ssml = readText(params.SSML);
  const text = readText(params.Text) ?? (ssml !== undefined ? ssmlToText(ssml) : undefined);
  // trimmed and not empty, as toPrompt would return it: no source object or closure for thousands of prompts with text
  if (text !== undefined && text !== '') return text;
  // a function: the words are needed only for a prompt with no text, and thousands of blocks have text
  const missing = () => toMissingWords(action);
  return toPrompt(ctx, nodeId, { text, audioUrl: readText(getOwn(params.Media, 'Uri')), missing });
}

/** What a block without text or recording plays, for the placeholder: its stored prompt, else what it lacks. */
function toMissingWords(action: ConnectAction): string {
  const promptId = readText(action.parameters.PromptId);
  return promptId !== undefined
    ? `Amazon Connect prompt "${getDisplayName(action, 'PromptId') ?? promptId}"`
    : `${action.type || 'action'} "${action.identifier}" has no Text, SSML or prompt`;
}
