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

export interface KindSpec<K extends NodeKind> {
  /** one line for the designer's palette and the docs */
  description: string;
  decider: Decider;
  role: Role;
  exits(node: NodeOfKind<K>): Exit[];
  /** every prompt the node plays, with where it sits in the node */
  prompts(node: NodeOfKind<K>): Array<{ field: string; prompt: Prompt }>;
}

type Registry = { [K in NodeKind]: KindSpec<K> };

const exit = (id: string, label: string, type: ExitType, target: string | undefined, seconds = 0): Exit => ({
  id,
  label,
  type,
  target,
  seconds,
});

/**
 * A no-input or no-match handler: the caller hears the prompt once and each
 * re-prompt, waiting out the input timeout every time when silent.
 */
function retryExit(field: string, label: string, type: ExitType, handler: RetryHandler | undefined, promptSeconds: number, timeout: number | undefined): Exit {
  const retries = handler?.retries ?? DEFAULTS.retries;
  const wait = type === 'noInput' ? (timeout ?? DEFAULTS.inputTimeoutSeconds) : 0;
  const seconds = (retries + 1) * (promptSeconds + wait) + retries * getPromptSeconds(handler?.prompt);
  return exit(`${field}.next`, label, type, handler?.next, seconds);
}

function optionLabel(option: { key?: string; phrases?: string[]; label?: string }): string {
  if (option.key !== undefined) return `press ${option.key}`;
  if (option.phrases?.length) return `say "${option.phrases[0]}"`;
  return option.label ?? 'option';
}

function promptList(fields: Array<[string, Prompt | undefined]>): Array<{ field: string; prompt: Prompt }> {
  return fields.flatMap(([field, prompt]) => (prompt === undefined ? [] : [{ field, prompt }]));
}

const single = (node: { next?: string; prompt?: Prompt }): Exit[] => [exit('next', 'next', 'next', node.next, getPromptSeconds(node.prompt))];

export const NODE_KINDS: Registry = {
  say: {
    description: 'Plays a prompt, then goes on',
    decider: 'none',
    role: 'step',
    exits: single,
    prompts: (node) => promptList([['prompt', node.prompt]]),
  },
  set: {
    description: 'Sets variables, then goes on',
    decider: 'none',
    role: 'step',
    exits: single,
    prompts: () => [],
  },
  menu: {
    description: 'Asks the caller to press a key or say an option',
    decider: 'caller',
    role: 'step',
    exits: (node) => {
      const prompt = getPromptSeconds(node.prompt);
      return [
        ...node.options.map((option, index) => exit(`options.${index}.next`, optionLabel(option), 'option', option.next, prompt)),
        retryExit('noInput', 'no input', 'noInput', node.noInput, prompt, node.timeout),
        retryExit('noMatch', 'no match', 'noMatch', node.noMatch, prompt, node.timeout),
      ];
    },
    prompts: (node) =>
      promptList([
        ['prompt', node.prompt],
        ['noInput.prompt', node.noInput?.prompt],
        ['noMatch.prompt', node.noMatch?.prompt],
      ]),
  },
  input: {
    description: 'Collects digits such as an account number',
    decider: 'caller',
    role: 'step',
    exits: (node) => {
      const prompt = getPromptSeconds(node.prompt);
      return [
        exit('next', 'valid input', 'ok', node.next, prompt),
        retryExit('noInput', 'no input', 'noInput', node.noInput, prompt, node.timeout),
        retryExit('invalid', 'invalid input', 'noMatch', node.invalid, prompt, node.timeout),
      ];
    },
    prompts: (node) =>
      promptList([
        ['prompt', node.prompt],
        ['noInput.prompt', node.noInput?.prompt],
        ['invalid.prompt', node.invalid?.prompt],
      ]),
  },
  condition: {
    description: 'Branches on business hours, variables, caller data or a percentage split',
    decider: 'environment',
    role: 'step',
    exits: (node) => {
      const [yes, no] = node.test.type === 'hours' ? ['open', 'closed'] : node.test.type === 'split' ? [`in ${node.test.percent}%`, 'rest'] : ['true', 'false'];
      return [exit('then', yes, 'outcome', node.then), exit('else', no, 'outcome', node.else)];
    },
    prompts: () => [],
  },
  http: {
    description: 'Looks data up over HTTP',
    decider: 'environment',
    role: 'step',
    exits: (node) => [
      exit('on.ok', 'ok', 'outcome', node.on.ok),
      exit('on.failed', 'failed', 'failure', node.on.failed),
      exit('on.timeout', 'timeout', 'failure', node.on.timeout),
    ],
    prompts: () => [],
  },
  transfer: {
    description: 'Connects the caller to a person by number, SIP address or client',
    decider: 'environment',
    role: 'human',
    exits: (node) => {
      const prompt = getPromptSeconds(node.prompt);
      return [
        exit('on.answered', 'answered', 'success', node.on.answered, prompt),
        exit('on.busy', 'busy', 'failure', node.on.busy, prompt),
        exit('on.noAnswer', 'no answer', 'failure', node.on.noAnswer, prompt),
        exit('on.failed', 'failed', 'failure', node.on.failed, prompt),
      ];
    },
    prompts: (node) => promptList([['prompt', node.prompt]]),
  },
  queue: {
    description: 'Holds the caller for the next free agent',
    decider: 'environment',
    role: 'human',
    exits: (node) => {
      const prompt = getPromptSeconds(node.prompt);
      return [
        exit('on.answered', 'answered', 'success', node.on.answered, prompt),
        exit('on.full', 'queue full', 'failure', node.on.full, prompt),
        ...(node.maxWait !== undefined ? [exit('on.timeout', 'wait timeout', 'failure', node.on.timeout, prompt)] : []),
        ...(node.callbackOffer
          ? [exit('callbackOffer.next', `press ${node.callbackOffer.key} for callback`, 'outcome', node.callbackOffer.next, prompt)]
          : []),
      ];
    },
    prompts: (node) =>
      promptList([
        ['prompt', node.prompt],
        ['hold.prompt', node.hold?.prompt],
        ['callbackOffer.prompt', node.callbackOffer?.prompt],
      ]),
  },
  voicemail: {
    description: 'Records a message for a person to call back',
    decider: 'none',
    role: 'followUp',
    exits: single,
    prompts: (node) => promptList([['prompt', node.prompt]]),
  },
  callback: {
    description: 'Books a call back from a person',
    decider: 'none',
    role: 'followUp',
    exits: single,
    prompts: (node) => promptList([['prompt', node.prompt]]),
  },
  survey: {
    description: 'Asks for a score from 1 to 5 after the agent call',
    decider: 'none',
    role: 'step',
    exits: single,
    prompts: (node) => promptList([['prompt', node.prompt]]),
  },
  hangup: {
    description: 'Ends the call with a closing message',
    decider: 'none',
    role: 'end',
    exits: () => [],
    prompts: (node) => promptList([['prompt', node.prompt]]),
  },
};

export function getKindSpec(node: FlowNode): KindSpec<NodeKind> {
  return NODE_KINDS[node.kind] as unknown as KindSpec<NodeKind>;
}

export function getExits(node: FlowNode): Exit[] {
  return getKindSpec(node).exits(node);
}

export function getPrompts(node: FlowNode): Array<{ field: string; prompt: Prompt }> {
  return getKindSpec(node).prompts(node);
}
