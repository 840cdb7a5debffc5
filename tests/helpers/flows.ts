import type { Flow, FlowNode, NodeOfKind } from '../../core/schema/flow.ts';

// Terse builders for hand-made test flows. Each returns plain flow JSON, so
// what a test builds is exactly what a designer could have written.

export function makeFlow(entry: string, nodes: Record<string, FlowNode>, extra: Partial<Flow> = {}): Flow {
  return { name: 'test flow', entry, nodes, ...extra };
}

/** A menu: `keys` maps a key to its target; noInput / noMatch go to `fallback` unless given. */
export function menu(
  keys: Record<string, string | undefined>,
  handlers: { noInput?: string; noMatch?: string; fallback?: string; prompt?: string } = {},
): NodeOfKind<'menu'> {
  return {
    kind: 'menu',
    prompt: handlers.prompt ?? 'Please choose an option.',
    options: Object.entries(keys).map(([key, next]) => ({ key: key as '0', ...(next ? { next } : {}) })),
    noInput: { retries: 2, ...((handlers.noInput ?? handlers.fallback) ? { next: handlers.noInput ?? handlers.fallback } : {}) },
    noMatch: { retries: 2, ...((handlers.noMatch ?? handlers.fallback) ? { next: handlers.noMatch ?? handlers.fallback } : {}) },
  };
}

export function input(next: string | undefined, handlers: { noInput?: string; invalid?: string } = {}): NodeOfKind<'input'> {
  return {
    kind: 'input',
    prompt: 'Enter your account number.',
    variable: 'account',
    ...(next ? { next } : {}),
    noInput: { retries: 2, ...(handlers.noInput ? { next: handlers.noInput } : {}) },
    invalid: { retries: 2, ...(handlers.invalid ? { next: handlers.invalid } : {}) },
  };
}

/** A transfer: every failure goes to `onFailure` unless given one by one. */
export function transfer(on: { answered?: string; busy?: string; noAnswer?: string; failed?: string; onFailure?: string } = {}): NodeOfKind<'transfer'> {
  const fail = on.onFailure;
  const pick = (value: string | undefined) => value ?? fail;
  const outcomes = { answered: on.answered, busy: pick(on.busy), noAnswer: pick(on.noAnswer), failed: pick(on.failed) };
  return {
    kind: 'transfer',
    to: { number: '+15550100' },
    on: Object.fromEntries(Object.entries(outcomes).filter(([, v]) => v !== undefined)) as NodeOfKind<'transfer'>['on'],
  };
}

export function queue(on: { answered?: string; full?: string } = {}): NodeOfKind<'queue'> {
  return {
    kind: 'queue',
    queue: 'support',
    announce: { position: true, estimatedWait: true, everySeconds: 60 },
    on: { ...(on.answered ? { answered: on.answered } : {}), ...(on.full ? { full: on.full } : {}) },
  };
}

export function say(next: string | undefined, prompt = 'Thank you for calling.'): NodeOfKind<'say'> {
  return { kind: 'say', prompt, ...(next ? { next } : {}) };
}

export function hours(open: string | undefined, closed: string | undefined): NodeOfKind<'condition'> {
  return {
    kind: 'condition',
    test: { type: 'hours', timezone: 'Europe/Madrid', weekly: { mon: [['09:00', '17:00']] } },
    ...(open ? { then: open } : {}),
    ...(closed ? { else: closed } : {}),
  };
}

/** A percentage split: `percent` % of calls take `then`, the rest `else`. */
export function split(percent: number, then: string | undefined, otherwise: string | undefined): NodeOfKind<'condition'> {
  return { kind: 'condition', test: { type: 'split', percent }, ...(then ? { then } : {}), ...(otherwise ? { else: otherwise } : {}) };
}

export function http(on: { ok?: string; failed?: string; timeout?: string }): NodeOfKind<'http'> {
  return { kind: 'http', request: { url: 'https://api.example.com/lookup' }, on };
}

export function voicemail(next?: string): NodeOfKind<'voicemail'> {
  return { kind: 'voicemail', prompt: 'Please leave a message after the tone.', ...(next ? { next } : {}) };
}

export function callback(next?: string): NodeOfKind<'callback'> {
  return { kind: 'callback', prompt: 'We will call you back.', ...(next ? { next } : {}) };
}

export function hangup(prompt?: string): NodeOfKind<'hangup'> {
  return { kind: 'hangup', ...(prompt ? { prompt } : {}) };
}

/**
 * A small clean line: welcome → main menu (1 → self-service info, 0 → agent),
 * agent failures → voicemail. Tests start from it and break one thing.
 */
export function cleanLine(): Flow {
  return makeFlow('welcome', {
    welcome: say('main', 'Welcome to Acme.'),
    main: menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }),
    info: say('main', 'We are open nine to five.'),
    agent: transfer({ answered: 'bye', onFailure: 'vm' }),
    vm: voicemail('bye'),
    bye: hangup('Goodbye.'),
  });
}

/** The clean line with some nodes replaced or added: most rule tests break one thing in it. */
export function cleanLineWith(changes: Record<string, unknown>): Flow {
  const flow = cleanLine();
  Object.assign(flow.nodes, changes);
  return flow;
}
