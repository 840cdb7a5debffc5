import { DEFAULTS } from '../../../core/schema/defaults.ts';
import type { FlowNode, NodeKind, NodeOfKind } from '../../../core/schema/flow.ts';
import { countOf } from '../../../core/format/words.ts';

// One line per card saying what this node of this kind does, beside its
// prompt: the keys a menu takes, the number a transfer dials, the hours a
// condition checks. Display only; what a node means for the guarantee comes
// from the registry.

function getRetries(handler: { retries?: number } | undefined): number {
  return handler?.retries ?? DEFAULTS.retries;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

type Weekly = Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>>;

/** Opening hours as a person writes them: "Mon–Fri 08:00–17:00, Sat 09:00–12:00"; days in a row with the same hours share one entry. */
export function formatWeeklyHours(weekly: Weekly): string {
  const hours = WEEKDAYS.map((day) => (weekly[day] ?? []).map(([open, close]) => `${open}–${close}`).join(' & '));
  const groups: string[] = [];
  for (let first = 0; first < WEEKDAYS.length; ) {
    let last = first;
    while (last + 1 < WEEKDAYS.length && hours[last + 1] === hours[first]) last++;
    if (hours[first] !== '') {
      const days = first === 0 && last === WEEKDAYS.length - 1 ? 'daily' : first === last ? DAY_NAMES[first] : `${DAY_NAMES[first]}–${DAY_NAMES[last]}`;
      groups.push(`${days} ${hours[first]}`);
    }
    first = last + 1;
  }
  return groups.length === 0 ? 'closed all week' : groups.join(', ');
}

const DETAILS: { [K in NodeKind]: (node: NodeOfKind<K>) => string } = {
  say: () => '',
  set: (node) => Object.entries(node.assign).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join(', '),
  menu: (node) => {
    const keys = node.options.map((option) => option.key).filter((key) => key !== undefined);
    const speech = node.speech ? ' or speech' : '';
    const retries = getRetries(node.noInput);
    return `keys ${keys.join(' ') || 'none'}${speech} · ${node.timeout ?? DEFAULTS.inputTimeoutSeconds} s · ${retries} ${retries === 1 ? 'retry' : 'retries'}`;
  },
  input: (node) => {
    const digits = node.minDigits === node.maxDigits && node.minDigits !== undefined ? `${node.minDigits}` : `${node.minDigits ?? 1}–${node.maxDigits ?? '…'}`;
    return `${digits} digits${node.speech ? ' or speech' : ''} → ${node.variable}`;
  },
  condition: (node) => {
    const { test } = node;
    switch (test.type) {
      case 'hours': {
        // the calendar's hours are the card's summary line
        if (test.calendar !== undefined) return `calendar ${test.calendar}`;
        return `${formatWeeklyHours(test.weekly ?? {})} · ${test.timezone ?? ''}${test.holidays?.length ? ` · ${countOf(test.holidays.length, 'holiday')}` : ''}`;
      }
      case 'variable':
        return `${test.variable} ${test.op}${test.value === undefined ? '' : ` ${JSON.stringify(test.value)}`}`;
      case 'caller':
        return `caller ${test.field} ${test.op}${test.value === undefined ? '' : ` ${JSON.stringify(test.value)}`}`;
      case 'split':
        return `${test.percent}% of calls`;
    }
  },
  http: (node) => {
    let host = node.request.url;
    try {
      host = new URL(node.request.url).host;
    } catch {
      // the schema checked it is a URL; keep the text if the browser disagrees
    }
    return `${node.request.method ?? 'GET'} ${host} · ${node.timeout ?? DEFAULTS.httpTimeoutSeconds} s`;
  },
  transfer: (node) => {
    const to = 'number' in node.to ? node.to.number : 'sip' in node.to ? node.to.sip : `client ${node.to.client}`;
    return `dial ${to} · ${node.timeout ?? DEFAULTS.dialTimeoutSeconds} s`;
  },
  queue: (node) => `queue ${node.queue}${node.maxWait ? ` · up to ${node.maxWait} s` : ''}${node.callbackOffer ? ` · ${node.callbackOffer.key} for a call back` : ''}`,
  voicemail: (node) => `record${node.maxLength ? ` up to ${node.maxLength} s` : ''}${node.transcribe ? ' · transcribed' : ''}`,
  callback: (node) => (node.confirmNumber === false ? 'asks for a number' : 'offers the calling number'),
  survey: () => 'score 1–5',
  goto: (node) => `flow ${node.flow}${node.node === undefined ? '' : ` at ${node.node}`}`,
  hangup: () => '',
};

/** What the node does, in a few words; empty for kinds whose prompt says it all. */
export function getNodeDetail(node: FlowNode): string {
  return (DETAILS[node.kind] as (node: FlowNode) => string)(node);
}
