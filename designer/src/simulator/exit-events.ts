import { matchesPattern } from '../../../core/interpreter/conditions.ts';
import type { CallEvent, Wait } from '../../../core/interpreter/index.ts';
import { getExits, getOptionExitId, SPEECH_NEXT_EXIT_ID, type Exit } from '../../../core/nodes/registry.ts';
import { findOptionBySpeech } from '../../../core/nodes/speech-match.ts';
import type { Flow, NodeOfKind } from '../../../core/schema/flow.ts';

// Turns the exit a counterexample takes (`options.0.next`, `noInput.next`,
// `on.busy`: by id, as two options may share a label) into the event the
// interpreter needs at the wait the call stands in, so a path the linter
// found can be played on the simulated phone.

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];
/** Said where no option listens for it: recognisers hear words, never this. */
const UNMATCHED_WORDS = 'mumble mumble';
const SILENCE: CallEvent = { type: 'input' };

/** The exit of `nodeId` with this id, as the path reports it. */
export function findExit(flow: Flow, nodeId: string, exitId: string): Exit | undefined {
  const node = Object.hasOwn(flow.nodes, nodeId) ? flow.nodes[nodeId] : undefined;
  return node && getExits(node).find((exit) => exit.id === exitId);
}

/** A key no option uses, else words no phrase matches: the confused caller's input. */
function getUnmatchedInput(menu: NodeOfKind<'menu'>): CallEvent {
  const used = new Set<string | undefined>(menu.options.map((option) => option.key));
  const key = KEYS.find((k) => !used.has(k));
  return key === undefined ? { type: 'input', speech: UNMATCHED_WORDS } : { type: 'input', digits: key };
}

/** The key or the phrase the interpreter takes as this option: an earlier option may have the same one. */
function getOptionInput(menu: NodeOfKind<'menu'>, exitId: string): CallEvent | undefined {
  const index = menu.options.findIndex((_, i) => getOptionExitId(i) === exitId);
  const option = menu.options[index];
  if (!option) return undefined;
  const { key } = option;
  if (key !== undefined && menu.options.findIndex((other) => other.key === key) === index) return { type: 'input', digits: key };
  const phrase = option.phrases?.find((said) => findOptionBySpeech(menu.options, said)?.index === index);
  if (phrase !== undefined) return { type: 'input', speech: phrase };
  // Nothing picks this option alone: its own key, phrase or label is the best guess.
  return key !== undefined ? { type: 'input', digits: key } : { type: 'input', speech: option.phrases?.[0] ?? option.label ?? '' };
}

/** Digits the input node accepts: lengths from its minimum, a leading digit then a filler, checked like the interpreter does. */
export function findValidDigits(node: NodeOfKind<'input'>): string | undefined {
  const min = node.minDigits ?? 1;
  const max = Math.max(min, node.maxDigits ?? min + 9);
  for (let length = min; length <= max; length++) {
    for (const lead of '1234567890') {
      for (const filler of '1234567890') {
        const digits = lead + filler.repeat(length - 1);
        if (node.pattern === undefined || matchesPattern(node.pattern, digits)) return digits;
      }
    }
  }
  return undefined;
}

/** Keys no input accepts whatever its finishing key: where an input takes any words, a wrong answer must be keyed. */
const INVALID_KEYS = '*#';
/** Any words are the answer at an input that listens for speech. */
const SPOKEN_ANSWER = 'a spoken answer';

function getDigitsEvent(node: NodeOfKind<'input'>, exit: Exit): CallEvent | undefined {
  if (exit.type === 'noInput') return SILENCE;
  if (exit.id === SPEECH_NEXT_EXIT_ID) return { type: 'input', speech: SPOKEN_ANSWER };
  // Words that are not digits: invalid whatever the finishing key, which a key press could collide with.
  if (exit.type === 'noMatch') return node.speech ? { type: 'input', digits: INVALID_KEYS } : { type: 'input', speech: UNMATCHED_WORDS };
  const digits = findValidDigits(node);
  return digits === undefined ? undefined : { type: 'input', digits: digits + (node.finishOnKey ?? '#') };
}

function getInputEvent(flow: Flow, wait: Extract<Wait, { kind: 'input' }>, exit: Exit): CallEvent | undefined {
  const node = flow.nodes[wait.nodeId];
  if (wait.mode === 'survey') return { type: 'input', digits: '5' };
  if (node?.kind === 'input') return getDigitsEvent(node, exit);
  if (node?.kind !== 'menu') return undefined;
  if (exit.type === 'noInput') return SILENCE;
  if (exit.id === SPEECH_NEXT_EXIT_ID) return { type: 'input', speech: UNMATCHED_WORDS };
  if (exit.type === 'noMatch') return getUnmatchedInput(node);
  return getOptionInput(node, exit.id);
}

const LOOKUP_OUTCOMES = { 'on.ok': 'ok', 'on.failed': 'failed', 'on.timeout': 'timeout' } as const;
const DIAL_OUTCOMES = { 'on.answered': 'answered', 'on.busy': 'busy', 'on.noAnswer': 'noAnswer', 'on.failed': 'failed' } as const;
const QUEUE_OUTCOMES = { 'on.answered': 'answered', 'on.full': 'full', 'on.timeout': 'timeout', 'callbackOffer.next': 'callback' } as const;

function pick<T extends object>(outcomes: T, exitId: string): T[keyof T] | undefined {
  return Object.hasOwn(outcomes, exitId) ? outcomes[exitId as keyof T] : undefined;
}

/** The event that makes the call leave the node it waits at by the exit `exitId`; undefined when none can. */
export function toCallEvent(flow: Flow, wait: Wait, exitId: string): CallEvent | undefined {
  if (wait.kind === 'end') return undefined;
  const exit = findExit(flow, wait.nodeId, exitId);
  if (!exit) return undefined;
  switch (wait.kind) {
    case 'input':
      return getInputEvent(flow, wait, exit);
    case 'lookup': {
      const outcome = pick(LOOKUP_OUTCOMES, exit.id);
      return outcome && { type: 'lookup', outcome };
    }
    case 'dial': {
      const outcome = pick(DIAL_OUTCOMES, exit.id);
      return outcome && { type: 'dial', outcome };
    }
    case 'queue': {
      const outcome = pick(QUEUE_OUTCOMES, exit.id);
      return outcome && { type: 'queue', outcome };
    }
    case 'record':
      return { type: 'recorded' };
    case 'callbackNumber':
      return { type: 'callbackNumber' };
    case 'link':
      // the only exit taken at a goto that stays: the linked flow cannot start
      return exit.type === 'failure' ? { type: 'link', outcome: 'failed' } : undefined;
  }
}
