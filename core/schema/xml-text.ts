// What a phone call can carry: TwiML is XML 1.0, whose `Char` production
// leaves out most C0 controls, lone surrogates and U+FFFE / U+FFFF. Twilio's
// library throws "Invalid character in string" on any of them, which would
// send every caller who reaches that text to the fallback.

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function isXmlText(text: string): boolean {
  return !NOT_XML_CHAR.test(text);
}

/** `text` without the characters XML cannot carry: for text the flow's author did not write (look-up answers). */
export function toXmlText(text: string): string {
  return text.replace(NOT_XML_CHARS, '');
}

function describeCodePoint(codePoint: number): string {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'half of a surrogate pair';
  if (codePoint === 0xfffe || codePoint === 0xffff) return 'a noncharacter';
  return 'a control character';
}

/** Why `text` is refused: the first character XML cannot carry, as U+XXXX, and its place counted in characters from 1. */
export function describeNonXmlText(text: string): string {
  let position = 0;
  for (const char of text) {
    position++;
    if (NOT_XML_CHAR.test(char)) {
      const codePoint = char.codePointAt(0)!;
      const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      return `holds ${name} (${describeCodePoint(codePoint)}) at character ${position}, which a phone call cannot carry: delete it or replace it with a space`;
    }
  }
  return 'holds a character a phone call cannot carry';
}
