import { DEFAULTS } from '../schema/defaults.ts';
import type { FlowNode, NodeKind, NodeOfKind, Prompt, RetryHandler } from '../schema/flow.ts';
import { getPromptSeconds } from './prompt.ts';

// The one place that knows each node kind: who decides where the call goes,
// what the kind means for the guarantee, and which exits it has. Graph code,
// the solver, the rules and the designer read this; none switches on kinds.

/** Who picks the exit the call takes. */
export type Decider = 'caller' | 'environment' | 'none';

/**
 * What reaching the node means for the guarantee:
 * `human` — a live person, provided its success outcome happens;
 * `followUp` — a person will call back (voicemail, callback);
 * `end` — the call ends here (hangup);
 * `step` — anything else.
 */
export type Role = 'human' | 'followUp' | 'end' | 'step';

/**
 * `option` — a menu choice the caller picked (the only exit allowed to end the call);
 * `ok` — valid input was given; `noInput` / `noMatch` — silence / invalid input;
 * `success` — a human node's success outcome (ends the game);
 * `failure` — a failure outcome (busy, look-up failed, queue full, ...);
 * `outcome` — any other environment outcome; `next` — the only way on.
 */
export type ExitType = 'option' | 'ok' | 'noInput' | 'noMatch' | 'success' | 'failure' | 'outcome' | 'next';

export interface Exit {
  /** handle id: the dotted path of the target field inside the node, e.g. `options.0.next` */
  id: string;
  /** words for reports and edge labels, e.g. `press 0`, `no input`, `busy` */
  label: string;
  type: ExitType;
  /** id of the node the call goes to; undefined when unconnected (the call hangs up) */
  target: string | undefined;
  /**
   * estimated seconds the call spends in the node before it leaves by this exit:
   * its prompts and, for silence, the input timeout of every attempt (SPEC section 3);
   * ringing and hold time are not counted, as a person is on the way there
   */
  seconds: number;
}

/** Receives a node's exits one by one, so the graph can store them without making an object each. */
export type ExitSink = (id: string, label: string, type: ExitType, target: string | undefined, seconds: number) => void;

/** Receives a node's prompts one by one. */
export type PromptSink = (field: string, prompt: Prompt) => void;

export interface KindSpec<K extends NodeKind> {
  /** one line for the designer's palette and the docs */
  description: string;
  decider: Decider;
  role: Role;
  /** declares the node's exits, in order, to `emit` */
  exits(node: NodeOfKind<K>, emit: ExitSink): void;
  /** declares every prompt the node plays, with where it sits in the node, to `emit` */
  prompts(node: NodeOfKind<K>, emit: PromptSink): void;
}

type Registry = { [K in NodeKind]: KindSpec<K> };


/**
 * A no-input or no-match handler: the caller hears the prompt once and each
 * re-prompt, waiting out the input timeout every time when silent.
 */
function retryExit(
  emit: ExitSink,
  id: string,
  label: string,
  type: ExitType,
  handler: RetryHandler | undefined,
  promptSeconds: number,
  timeout: number | undefined,
): void {
  const retries = handler?.retries ?? DEFAULTS.retries;
  const wait = type === 'noInput' ? (timeout ?? DEFAULTS.inputTimeoutSeconds) : 0;
  emit(id, label, type, handler?.next, (retries + 1) * (promptSeconds + wait) + retries * getPromptSeconds(handler?.prompt));
}

const HOURS_LABELS = ['open', 'closed'] as const;
const TEST_LABELS = ['true', 'false'] as const;

// Labels and handle ids repeat across every menu of a flow: made once, not per option.
const PRESS_LABELS = new Map<string, string>();
const OPTION_EXIT_IDS: string[] = [];

function optionLabel(option: { key?: string; phrases?: string[]; label?: string }): string {
  if (option.key !== undefined) {
    let label = PRESS_LABELS.get(option.key);
    if (label === undefined) PRESS_LABELS.set(option.key, (label = `press ${option.key}`));
    return label;
  }
  if (option.phrases?.length) return `say "${option.phrases[0]}"`;
  return option.label ?? 'option';
}

function optionExitId(index: number): string {
  return (OPTION_EXIT_IDS[index] ??= `options.${index}.next`);
}

const onlyPrompt = (node: { prompt?: Prompt }, emit: PromptSink): void => {
  if (node.prompt !== undefined) emit('prompt', node.prompt);
};

const single = (node: { next?: string; prompt?: Prompt }, emit: ExitSink): void => emit('next', 'next', 'next', node.next, getPromptSeconds(node.prompt));

export const NODE_KINDS: Registry = {
  say: {
    description: 'Plays a prompt, then goes on',
    decider: 'none',
    role: 'step',
    exits: single,
    prompts: onlyPrompt,
  },
  set: {
    description: 'Sets variables, then goes on',
    decider: 'none',
    role: 'step',
    exits: single,
    prompts: () => {},
  },
  menu: {
    description: 'Asks the caller to press a key or say an option',
    decider: 'caller',
    role: 'step',
    exits: (node, emit) => {
      const prompt = getPromptSeconds(node.prompt);
      for (let index = 0; index < node.options.length; index++) {
        const option = node.options[index]!;
        emit(optionExitId(index), optionLabel(option), 'option', option.next, prompt);
      }
      retryExit(emit, 'noInput.next', 'no input', 'noInput', node.noInput, prompt, node.timeout);
      retryExit(emit, 'noMatch.next', 'no match', 'noMatch', node.noMatch, prompt, node.timeout);
    },
    prompts: (node, emit) => {
      emit('prompt', node.prompt);
      if (node.noInput?.prompt !== undefined) emit('noInput.prompt', node.noInput.prompt);
      if (node.noMatch?.prompt !== undefined) emit('noMatch.prompt', node.noMatch.prompt);
    },
  },
  input: {
    description: 'Collects digits such as an account number',
    decider: 'caller',
    role: 'step',
    exits: (node, emit) => {
      const prompt = getPromptSeconds(node.prompt);
      emit('next', 'valid input', 'ok', node.next, prompt);
      retryExit(emit, 'noInput.next', 'no input', 'noInput', node.noInput, prompt, node.timeout);
      retryExit(emit, 'invalid.next', 'invalid input', 'noMatch', node.invalid, prompt, node.timeout);
    },
    prompts: (node, emit) => {
      emit('prompt', node.prompt);
      if (node.noInput?.prompt !== undefined) emit('noInput.prompt', node.noInput.prompt);
      if (node.invalid?.prompt !== undefined) emit('invalid.prompt', node.invalid.prompt);
    },
  },
  condition: {
    description: 'Branches on business hours, variables, caller data or a percentage split',
    decider: 'environment',
    role: 'step',
    exits: (node, emit) => {
      const [yes, no] = node.test.type === 'hours' ? HOURS_LABELS : node.test.type === 'split' ? [`in ${node.test.percent}%`, 'rest'] : TEST_LABELS;
      emit('then', yes, 'outcome', node.then, 0);
      emit('else', no, 'outcome', node.else, 0);
    },
    prompts: () => {},
  },
  http: {
    description: 'Looks data up over HTTP',
    decider: 'environment',
    role: 'step',
    exits: (node, emit) => {
      emit('on.ok', 'ok', 'outcome', node.on.ok, 0);
      emit('on.failed', 'failed', 'failure', node.on.failed, 0);
      emit('on.timeout', 'timeout', 'failure', node.on.timeout, 0);
    },
    prompts: () => {},
  },
  transfer: {
    description: 'Connects the caller to a person by number, SIP address or client',
    decider: 'environment',
    role: 'human',
    exits: (node, emit) => {
      const prompt = getPromptSeconds(node.prompt);
      emit('on.answered', 'answered', 'success', node.on.answered, prompt);
      emit('on.busy', 'busy', 'failure', node.on.busy, prompt);
      emit('on.noAnswer', 'no answer', 'failure', node.on.noAnswer, prompt);
      emit('on.failed', 'failed', 'failure', node.on.failed, prompt);
    },
    prompts: onlyPrompt,
  },
  queue: {
    description: 'Holds the caller for the next free agent',
    decider: 'environment',
    role: 'human',
    exits: (node, emit) => {
      const prompt = getPromptSeconds(node.prompt);
      emit('on.answered', 'answered', 'success', node.on.answered, prompt);
      emit('on.full', 'queue full', 'failure', node.on.full, prompt);
      // Without a maximum wait the queue never times out, and without an offer nobody presses for it.
      if (node.maxWait !== undefined) emit('on.timeout', 'wait timeout', 'failure', node.on.timeout, prompt);
      if (node.callbackOffer) emit('callbackOffer.next', `press ${node.callbackOffer.key} for callback`, 'outcome', node.callbackOffer.next, prompt);
    },
    prompts: (node, emit) => {
      if (node.prompt !== undefined) emit('prompt', node.prompt);
      if (node.hold?.prompt !== undefined) emit('hold.prompt', node.hold.prompt);
      if (node.callbackOffer?.prompt !== undefined) emit('callbackOffer.prompt', node.callbackOffer.prompt);
    },
  },
  voicemail: {
    description: 'Records a message for a person to call back',
    decider: 'none',
    role: 'followUp',
    exits: single,
    prompts: onlyPrompt,
  },
  callback: {
    description: 'Books a call back from a person',
    decider: 'none',
    role: 'followUp',
    exits: single,
    prompts: onlyPrompt,
  },
  survey: {
    description: 'Asks for a score from 1 to 5 after the agent call',
    decider: 'none',
    role: 'step',
    exits: single,
    prompts: onlyPrompt,
  },
  hangup: {
    description: 'Ends the call with a closing message',
    decider: 'none',
    role: 'end',
    exits: () => {},
    prompts: onlyPrompt,
  },
};

export function getKindSpec(node: FlowNode): KindSpec<NodeKind> {
  return NODE_KINDS[node.kind] as unknown as KindSpec<NodeKind>;
}

export function getExits(node: FlowNode): Exit[] {
  const exits: Exit[] = [];
  getKindSpec(node).exits(node, (id, label, type, target, seconds) => exits.push({ id, label, type, target, seconds }));
  return exits;
}

/** Calls `emit` for each prompt of `node`, without collecting them: rules run this over every node. */
export function forEachPrompt(node: FlowNode, emit: PromptSink): void {
  getKindSpec(node).prompts(node, emit);
}
