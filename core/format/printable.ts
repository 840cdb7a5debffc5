/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides that can
 * reorder what a reader sees ("Trojan Source"). A flow file is data from
 * anywhere: `\u001b]0;pwned\u0007` in a flow's name would retitle the
 * terminal, `\u001b[2J` clear it.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same characters, to test for without a global regex's state: nearly every text has none and is returned as is. */
const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source);

/** Text from a file made safe for a terminal: each unprintable character shown as its `\uXXXX` escape. */
export function toPrintable(text: string): string {
  if (!HAS_UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
