import { XMLParser } from 'fast-xml-parser';

// What a phone does with a TwiML answer, read as a simulated caller needs it:
// the words spoken, and the one verb that waits (with the URL it reports to).

/** The verb a TwiML answer waits on; `end` when the call is over after the words. */
export type TwimlWait =
  | { verb: 'gather'; action: string; says: string[] }
  | { verb: 'dial'; action: string | undefined; whisperUrl: string | undefined }
  | { verb: 'enqueue'; action: string | undefined; waitUrl: string | undefined }
  | { verb: 'record'; action: string }
  | { verb: 'redirect'; url: string }
  | { verb: 'leave' }
  | { verb: 'end' };

export interface TwimlAnswer {
  /** every <Say> text, in order, inside a Gather or not */
  says: string[];
  /** the tags of the Response's verbs, in order */
  verbs: string[];
  wait: TwimlWait;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, textNodeName: '#text', parseTagValue: false });

const WAIT_VERBS = new Set(['Gather', 'Dial', 'Enqueue', 'Record', 'Redirect', 'Leave', 'Hangup']);

function tagOf(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}

function attributeOf(node: XmlNode, name: string): string | undefined {
  const value = (node[':@'] as Record<string, unknown> | undefined)?.[`@${name}`];
  return value === undefined ? undefined : String(value);
}

function childrenOf(node: XmlNode): XmlNode[] {
  const children = node[tagOf(node)];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

function textOf(node: XmlNode): string {
  return childrenOf(node)
    .map((child) => (child['#text'] === undefined ? '' : String(child['#text'])))
    .join('');
}

function collectSays(nodes: XmlNode[]): string[] {
  return nodes.flatMap((node) => (tagOf(node) === 'Say' ? [textOf(node)] : tagOf(node) === 'Gather' ? collectSays(childrenOf(node)) : []));
}

function toWait(node: XmlNode | undefined): TwimlWait {
  if (node === undefined) return { verb: 'end' };
  const tag = tagOf(node);
  if (tag === 'Gather') return { verb: 'gather', action: attributeOf(node, 'action') ?? '', says: collectSays(childrenOf(node)) };
  if (tag === 'Dial') {
    const noun = childrenOf(node).find((child) => ['Number', 'Sip', 'Client'].includes(tagOf(child)));
    return { verb: 'dial', action: attributeOf(node, 'action'), whisperUrl: noun === undefined ? undefined : attributeOf(noun, 'url') };
  }
  if (tag === 'Enqueue') return { verb: 'enqueue', action: attributeOf(node, 'action'), waitUrl: attributeOf(node, 'waitUrl') };
  if (tag === 'Record') return { verb: 'record', action: attributeOf(node, 'action') ?? '' };
  if (tag === 'Redirect') return { verb: 'redirect', url: textOf(node) };
  if (tag === 'Leave') return { verb: 'leave' };
  return { verb: 'end' };
}

/** Reads a TwiML answer; a document that is not TwiML reads as a call that ends. */
export function readTwiml(twiml: string): TwimlAnswer {
  let document: XmlNode[];
  try {
    document = parser.parse(twiml) as XmlNode[];
  } catch {
    return { says: [], verbs: [], wait: { verb: 'end' } };
  }
  const response = document.find((node) => tagOf(node) === 'Response');
  const verbs = response === undefined ? [] : childrenOf(response);
  // Twilio runs the verbs in order: the first that waits decides what happens next
  return { says: collectSays(verbs), verbs: verbs.map(tagOf), wait: toWait(verbs.find((node) => WAIT_VERBS.has(tagOf(node)))) };
}
