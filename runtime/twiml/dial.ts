import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Wait } from '../../core/interpreter/types.ts';

/** Who a <Dial> rings: a phone number, a SIP address or a Voice SDK client, as a transfer node names it. */
export type DialTarget = Extract<Wait, { kind: 'dial' }>['to'];

/** The one place a dial target becomes its noun: <Number>, <Sip> or <Client>, with `attributes` (the whisper url) on it. */
export function addDialNoun(dial: VoiceResponse.Dial, to: DialTarget, attributes: { url?: string; method?: string } = {}): void {
  if ('number' in to) dial.number(attributes, to.number);
  else if ('sip' in to) dial.sip(attributes, to.sip);
  else dial.client(attributes, to.client);
}
