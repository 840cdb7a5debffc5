import { XMLParser } from 'fast-xml-parser';

// A TwiML answer as the walker reads it: verbs in order, their attributes and
// text, nested verbs (a Gather's Say) as children.

/** One element of a TwiML document. */
export interface TwimlVerb {
  tag: string;
  attributes: Record<string, string>;
  text: string;
  children: TwimlVerb[];
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: true });

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toVerb(node: OrderedNode): TwimlVerb | undefined {
  const tag = Object.keys(node).find((key) => key !== ':@');
  if (tag === undefined || tag === '#text' || tag.startsWith('?')) return undefined;
  const children: TwimlVerb[] = [];
  let text = '';
  for (const child of (node[tag] as OrderedNode[] | undefined) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const verb = toVerb(child);
      if (verb) children.push(verb);
    }
  }
  return { tag, attributes: { ...(node[':@'] ?? {}) }, text, children };
}

/** The <Response> of a TwiML answer, or undefined when the text is not TwiML. */
export function parseTwimlDocument(xml: string): TwimlVerb | undefined {
  try {
    const nodes = parser.parse(xml, true) as OrderedNode[];
    const elements = nodes.map(toVerb).filter((verb): verb is TwimlVerb => verb !== undefined);
    return elements.length === 1 && elements[0]?.tag === 'Response' ? elements[0] : undefined;
  } catch {
    return undefined;
  }
}
