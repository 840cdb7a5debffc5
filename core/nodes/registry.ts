import { BUILT_IN_PHRASES, PHRASE_FALLBACK_LANGUAGE } from '../phrases/catalogue.ts';
import { DEFAULTS } from '../schema/defaults.ts';
import type { FlowNode, NodeKind, NodeOfKind, Prompt, RetryHandler } from '../schema/flow.ts';
import { toLinkTarget } from './link.ts';
import { countWords, getPromptSeconds } from './prompt.ts';
import { canSplitTake } from './split.ts';

// The one place that knows each node kind: who decides where the call goes,
// what the kind means for the guarantee, and which exits it has, each with the
// field that holds its target. Graph code, the solver, the rules, the importer
// and the designer read this; none switches on kinds or guesses field names.

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
 * `outcome` — any other outcome of the node (a branch, a callback offer pressed); `next` — the only way on.
 */
export type ExitType = 'option' | 'ok' | 'noInput' | 'noMatch' | 'success' | 'failure' | 'outcome' | 'next';

export interface Exit {
  /** the dotted path of the field that holds the target inside the node, e.g. `options.0.next`: the designer's handle id */
  id: string;
  /** words for reports and edge labels, e.g. `press 0`, `no input`, `busy` */
  label: string;
  type: ExitType;
  /** id of the node the call goes to; undefined when unconnected (the call hangs up) */
  target: string | undefined;
  /** whether the caller, not the node's decider, takes it (`ExitSpec.byCaller`) */
  byCaller: boolean;
  /**
   * estimated seconds the call spends in the node before it leaves by this exit:
   * its prompts and, for silence, the input timeout of every attempt (SPEC section 3);
   * ringing and hold time are not counted, as a person is on the way there
   */
  seconds: number;
}

/** One exit of a kind, declared once: the field that holds its target, and what taking it means. */
export interface ExitSpec<K extends NodeKind> {
  /** dotted path of the field that holds the target, `*` for each item of a list (`options.*.next`); with the index in place, the exit's id */
  field: string;
  type: ExitType;
  /**
   * The caller, not the node's decider, takes this exit, and only if it wants to: a queue's callback
   * offer, pressed while holding. The caller chooses between it and waiting for the environment's
   * outcomes; a silent or confused caller never takes it, and the environment cannot force it.
   * Absent: the node's decider takes it.
   */
  byCaller?: true;
  /** words for reports and edge labels; a function gets the node and, for a list field, the item's index */
  label: string | ((node: NodeOfKind<K>, index: number) => string);
  /** seconds in the node before it leaves this way, given its own prompt's (see `Exit.seconds`); absent: the prompt's */
  seconds?: (node: NodeOfKind<K>, promptSeconds: number) => number;
  /**
   * whether a call can leave by the exit (a queue without a maximum wait never times out, a 0% split
   * never takes `then`); absent: always. Its field holds a transition either way, one no call follows
   * while this is false (`getUntakenLinks`)
   */
  when?: (node: NodeOfKind<K>) => boolean;
  /**
   * seconds of ringing or holding before the call leaves this way, on top of `seconds`: the time to a
   * person counts them. Undefined when a person or a call back offer always comes first, so that time
   * never runs through this exit; absent: none
   */
  waitSeconds?: (node: NodeOfKind<K>) => number | undefined;
  /**
   * the target when the field does not hold a node id of this flow: a link's `flow:node` (./link.ts).
   * Absent: the field's value. With it, the field is no transition a rename or a delete rewrites
   */
  target?: (node: NodeOfKind<K>) => string | undefined;
}

/** Receives a node's exits one by one, so the graph can store them without making an object each. */
export type ExitSink = (id: string, label: string, type: ExitType, target: string | undefined, seconds: number, byCaller: boolean) => void;

/** Receives a node's prompts one by one. */
export type PromptSink = (field: string, prompt: Prompt) => void;

export interface KindSpec<K extends NodeKind> {
  /** one line for the designer's palette and the docs */
  description: string;
  decider: Decider;
  role: Role;
  /** the node's exits, in order */
  exits: ReadonlyArray<ExitSpec<K>>;
  /** declares every prompt the node plays, with where it sits in the node, to `emit` */
  prompts(node: NodeOfKind<K>, emit: PromptSink): void;
  /** whether the environment can keep the call here with no limit (a queue with neither a maximum wait nor a call back offer); absent: never */
  holdsWithoutLimit?: (node: NodeOfKind<K>) => boolean;
}

type Registry = { [K in NodeKind]: KindSpec<K> };

/**
 * A no-input or no-match handler: the caller hears the prompt once and each
 * re-prompt, waiting out the input timeout every time when silent.
 */
function retryExit<K extends 'menu' | 'input'>(handler: 'noInput' | 'noMatch' | 'invalid', label: string, type: 'noInput' | 'noMatch'): ExitSpec<K> {
  return {
    field: `${handler}.next`,
    type,
    label,
    seconds: (node: NodeOfKind<'menu' | 'input'>, prompt) => {
      const { retries = DEFAULTS.retries, prompt: reprompt } = (node as Partial<Record<typeof handler, RetryHandler>>)[handler] ?? {};
      const wait = type === 'noInput' ? (node.timeout ?? DEFAULTS.inputTimeoutSeconds) : 0;
      return (retries + 1) * (prompt + wait) + retries * getPromptSeconds(reprompt);
    },
  };
}

const HOURS_LABELS = ['open', 'closed'] as const;
const TEST_LABELS = ['true', 'false'] as const;

function conditionLabels(node: NodeOfKind<'condition'>): readonly [string, string] {
  return node.test.type === 'hours' ? HOURS_LABELS : node.test.type === 'split' ? [`in ${node.test.percent}%`, 'rest'] : TEST_LABELS;
}

// Labels repeat across every menu of a flow: made once, not per option.
const PRESS_LABELS = new Map<string, string>();

function optionLabel(option: { key?: string; phrases?: string[]; label?: string }): string {
  if (option.key !== undefined) {
    let label = PRESS_LABELS.get(option.key);
    if (label === undefined) PRESS_LABELS.set(option.key, (label = `press ${option.key}`));
    return label;
  }
  if (option.phrases?.length) return `say "${option.phrases[0]}"`;
  return option.label ?? 'option';
}

const onlyPrompt = (node: { prompt?: Prompt }, emit: PromptSink): void => {
  if (node.prompt !== undefined) emit('prompt', node.prompt);
};

const ENGLISH_PHRASES = BUILT_IN_PHRASES[PHRASE_FALLBACK_LANGUAGE];
const toSpokenSeconds = (text: string): number => countWords(text) / DEFAULTS.wordsPerSecond;

/**
 * When a queue's callback offer has been heard, counted from entering the queue: the queue's own
 * announcement (position, estimated wait), then the offer, as the hold loop's first round plays them
 * (runtime/twiml/queue-hold.ts); before the hold prompt and music. The announcement is timed in English.
 */
function getCallbackOfferSeconds(node: NodeOfKind<'queue'>): number {
  const position = node.announce?.position ? toSpokenSeconds(ENGLISH_PHRASES.queuePosition) : 0;
  const wait = node.announce?.estimatedWait ? toSpokenSeconds(ENGLISH_PHRASES.estimatedWaitMinutes) : 0;
  return position + wait + getPromptSeconds(node.callbackOffer?.prompt);
}

const NEXT = [{ field: 'next', type: 'next', label: 'next' }] as const;

/** The id of the exit for speech a menu's options do not take, or an input's spoken answer: the interpreter and the rules name it by this. */
export const SPEECH_NEXT_EXIT_ID = 'speech.next';

export const NODE_KINDS: Registry = {
  say: {
    description: 'Plays a prompt, then goes on',
    decider: 'none',
    role: 'step',
    exits: NEXT,
    prompts: onlyPrompt,
  },
  set: {
    description: 'Sets variables, then goes on',
    decider: 'none',
    role: 'step',
    exits: NEXT,
    prompts: () => {},
  },
  menu: {
    description: 'Asks the caller to press a key or say an option',
    decider: 'caller',
    role: 'step',
    exits: [
      { field: 'options.*.next', type: 'option', label: (node, index) => optionLabel(node.options[index]!) },
      retryExit('noInput', 'no input', 'noInput'),
      retryExit('noMatch', 'no match', 'noMatch'),
      // Speech no option matches is input the menu does not take as a choice: a confused caller may say it (SPEC section 3).
      { field: SPEECH_NEXT_EXIT_ID, type: 'noMatch', label: 'any other speech', when: (node) => node.speech?.next !== undefined },
    ],
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
    exits: [
      { field: 'next', type: 'ok', label: 'valid input' },
      retryExit('noInput', 'no input', 'noInput'),
      retryExit('invalid', 'invalid input', 'noMatch'),
      // What the caller says is the answer, kept in the variable: the caller's move, as valid digits are.
      { field: SPEECH_NEXT_EXIT_ID, type: 'ok', label: 'speech', when: (node) => node.speech?.next !== undefined },
    ],
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
    // No prompt: the branch is taken at once. A 0% split never takes `then`, a 100% one never the rest (core/nodes/split.ts).
    exits: [
      { field: 'then', type: 'outcome', label: (node) => conditionLabels(node)[0], when: (node) => node.test.type !== 'split' || canSplitTake(node.test.percent, true) },
      { field: 'else', type: 'outcome', label: (node) => conditionLabels(node)[1], when: (node) => node.test.type !== 'split' || canSplitTake(node.test.percent, false) },
    ],
    prompts: () => {},
  },
  http: {
    description: 'Looks data up over HTTP',
    decider: 'environment',
    role: 'step',
    exits: [
      { field: 'on.ok', type: 'outcome', label: 'ok' },
      { field: 'on.failed', type: 'failure', label: 'failed' },
      { field: 'on.timeout', type: 'failure', label: 'timeout' },
    ],
    prompts: () => {},
  },
  transfer: {
    description: 'Connects the caller to a person by number, SIP address or client',
    decider: 'environment',
    role: 'human',
    exits: [
      { field: 'on.answered', type: 'success', label: 'answered' },
      { field: 'on.busy', type: 'failure', label: 'busy' },
      { field: 'on.noAnswer', type: 'failure', label: 'no answer', waitSeconds: (node) => node.timeout ?? DEFAULTS.dialTimeoutSeconds },
      { field: 'on.failed', type: 'failure', label: 'failed' },
    ],
    prompts: onlyPrompt,
  },
  queue: {
    description: 'Holds the caller for the next free agent',
    decider: 'environment',
    role: 'human',
    exits: [
      { field: 'on.answered', type: 'success', label: 'answered' },
      { field: 'on.full', type: 'failure', label: 'queue full' },
      // Without a maximum wait the queue never times out, and without an offer nobody presses for it.
      {
        field: 'on.timeout',
        type: 'failure',
        label: 'wait timeout',
        when: (node) => node.maxWait !== undefined,
        // The offer plays on entering the queue: when it ends before the wait does, the caller has had it.
        waitSeconds: (node) => (node.callbackOffer !== undefined && getCallbackOfferSeconds(node) <= node.maxWait! ? undefined : node.maxWait),
      },
      // Pressing the offer's key is the caller's move, never the queue's outcome (SPEC section 3).
      {
        field: 'callbackOffer.next',
        type: 'outcome',
        byCaller: true,
        label: (node) => `press ${node.callbackOffer!.key} for callback`,
        when: (node) => node.callbackOffer !== undefined,
        waitSeconds: getCallbackOfferSeconds,
      },
    ],
    holdsWithoutLimit: (node) => node.maxWait === undefined && node.callbackOffer === undefined,
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
    exits: NEXT,
    prompts: onlyPrompt,
  },
  callback: {
    description: 'Books a call back from a person',
    decider: 'none',
    role: 'followUp',
    exits: NEXT,
    prompts: onlyPrompt,
  },
  survey: {
    description: 'Asks for a score from 1 to 5 after the agent call',
    decider: 'none',
    role: 'step',
    exits: NEXT,
    prompts: onlyPrompt,
  },
  goto: {
    description: 'Continues the call in another flow of the line, which does not hand it back',
    // Whether the flow can be started is the environment's: the caller has no say.
    decider: 'environment',
    role: 'step',
    exits: [
      { field: 'flow', type: 'outcome', label: (node) => `to flow ${node.flow}`, target: (node) => toLinkTarget(node.flow, node.node) },
      { field: 'on.failed', type: 'failure', label: 'flow failed' },
    ],
    prompts: () => {},
  },
  hangup: {
    description: 'Ends the call with a closing message',
    decider: 'none',
    role: 'end',
    exits: [],
    prompts: onlyPrompt,
  },
};

export function getKindSpec(node: FlowNode): KindSpec<NodeKind> {
  return NODE_KINDS[node.kind] as unknown as KindSpec<NodeKind>;
}

/** An exit spec with its field split once: the walks below run over every node of large flows. */
interface CompiledExit {
  spec: ExitSpec<NodeKind>;
  /** keys from the node to the list, for a field on each item of one; undefined otherwise */
  list: string[] | undefined;
  /** keys to the target: from the node, or from the list item */
  keys: string[];
  /** exit ids by item index (index 0 alone for a field off a list), made once: every menu of a flow repeats them */
  ids: string[];
}

function compileExit(spec: ExitSpec<NodeKind>): CompiledExit {
  const keys = spec.field.split('.');
  const star = keys.indexOf('*');
  if (star < 0) return { spec, list: undefined, keys, ids: [spec.field] };
  return { spec, list: keys.slice(0, star), keys: keys.slice(star + 1), ids: [] };
}

const COMPILED_EXITS = new Map<string, CompiledExit[]>(
  Object.entries(NODE_KINDS).map(([kind, spec]) => [kind, (spec.exits as ReadonlyArray<ExitSpec<NodeKind>>).map(compileExit)]),
);

function getItemExitId(exit: CompiledExit, index: number): string {
  return (exit.ids[index] ??= [...exit.list!, index, ...exit.keys].join('.'));
}

function readField(value: unknown, keys: readonly string[]): unknown {
  for (let at = 0; at < keys.length; at++) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[keys[at]!];
  }
  return value;
}

const toTarget = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Calls `emit` for each exit of `node`, in order, without collecting them: the graph is built from this. */
export function forEachExit(node: FlowNode, emit: ExitSink): void {
  const exits = COMPILED_EXITS.get(node.kind)!;
  if (exits.length === 0) return;
  const prompt = getPromptSeconds((node as { prompt?: Prompt }).prompt);
  // indexed, not for-of: the graph build calls this for every node of a flow
  for (let at = 0; at < exits.length; at++) {
    const exit = exits[at]!;
    const { spec } = exit;
    if (spec.when !== undefined && !spec.when(node)) continue;
    const seconds = spec.seconds === undefined ? prompt : spec.seconds(node, prompt);
    if (exit.list === undefined) {
      const label = typeof spec.label === 'string' ? spec.label : spec.label(node, 0);
      const target = spec.target === undefined ? toTarget(readField(node, exit.keys)) : spec.target(node);
      emit(exit.ids[0]!, label, spec.type, target, seconds, spec.byCaller === true);
      continue;
    }
    const items = readField(node, exit.list);
    if (!Array.isArray(items)) continue;
    for (let index = 0; index < items.length; index++) {
      const label = typeof spec.label === 'string' ? spec.label : spec.label(node, index);
      emit(getItemExitId(exit, index), label, spec.type, toTarget(readField(items[index], exit.keys)), seconds, spec.byCaller === true);
    }
  }
}

/**
 * Calls `emit` with each exit's ringing or holding seconds (`ExitSpec.waitSeconds`), in the order
 * `forEachExit` gives the exits: undefined for an exit the time to a person never takes.
 */
export function forEachExitWait(node: FlowNode, emit: (waitSeconds: number | undefined) => void): void {
  for (const exit of COMPILED_EXITS.get(node.kind)!) {
    const { spec } = exit;
    if (spec.when !== undefined && !spec.when(node)) continue;
    const wait = spec.waitSeconds === undefined ? 0 : spec.waitSeconds(node);
    if (exit.list === undefined) {
      emit(wait);
      continue;
    }
    const items = readField(node, exit.list);
    if (Array.isArray(items)) for (let index = 0; index < items.length; index++) emit(wait);
  }
}

/** Whether the environment can keep the call at `node` for ever (`KindSpec.holdsWithoutLimit`). */
export function canHoldWithoutLimit(node: FlowNode): boolean {
  return getKindSpec(node).holdsWithoutLimit?.(node) ?? false;
}

export function getExits(node: FlowNode): Exit[] {
  const exits: Exit[] = [];
  forEachExit(node, (id, label, type, target, seconds, byCaller) => exits.push({ id, label, type, target, seconds, byCaller }));
  return exits;
}

/** A connected transition of an exit no call can leave by now (`ExitSpec.when`). */
export interface UntakenLink {
  /** the exit's id: the field that holds the target */
  exitId: string;
  label: string;
  /** the target as written */
  target: string;
}

/** Returned when a node holds no untaken link, as nearly every node does: no array is made per node. */
const NO_UNTAKEN_LINKS: readonly UntakenLink[] = Object.freeze([]);

/** The links `node` holds that no call follows: connected exits it cannot be left by (`ExitSpec.when`). No exit of a list has a `when`. */
export function getUntakenLinks(node: FlowNode): readonly UntakenLink[] {
  let links: UntakenLink[] | undefined;
  for (const exit of COMPILED_EXITS.get(node.kind)!) {
    const { spec } = exit;
    if (spec.when === undefined || exit.list !== undefined || spec.when(node)) continue;
    const target = spec.target === undefined ? toTarget(readField(node, exit.keys)) : spec.target(node);
    if (target === undefined) continue;
    (links ??= []).push({ exitId: exit.ids[0]!, label: typeof spec.label === 'string' ? spec.label : spec.label(node, 0), target });
  }
  return links ?? NO_UNTAKEN_LINKS;
}

/** The id of a menu's option exit: where the option at `index` holds its target. */
export function getOptionExitId(index: number): string {
  return getItemExitId(COMPILED_EXITS.get('menu')![0]!, index);
}

/** A field that holds a transition, and the node id it holds. */
export interface TargetField {
  /** dotted path of the field inside the node, e.g. `options.0.next`: the id of its exit */
  path: string;
  /** the node id it holds */
  target: string;
}

/** The fields of one kind that hold transitions, as a tree of keys (`*` for any list index). */
interface FieldTree {
  keys: Map<string, FieldTree>;
  holdsTarget: boolean;
}

function toFieldTree(exits: ReadonlyArray<ExitSpec<NodeKind>>): FieldTree {
  const root: FieldTree = { keys: new Map(), holdsTarget: false };
  for (const { field, target } of exits) {
    if (target !== undefined) continue;
    let at = root;
    for (const key of field.split('.')) {
      let child = at.keys.get(key);
      if (child === undefined) at.keys.set(key, (child = { keys: new Map(), holdsTarget: false }));
      at = child;
    }
    at.holdsTarget = true;
  }
  return root;
}

const FIELD_TREES = new Map<string, FieldTree>(Object.entries(NODE_KINDS).map(([kind, spec]) => [kind, toFieldTree(spec.exits as ReadonlyArray<ExitSpec<NodeKind>>)]));

const joinPath = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function collectTargetFields(value: unknown, tree: FieldTree, path: string, out: TargetField[]): void {
  if (tree.holdsTarget) {
    if (typeof value === 'string') out.push({ path, target: value });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    const items = tree.keys.get('*');
    if (items !== undefined) value.forEach((item, index) => collectTargetFields(item, items, joinPath(path, String(index)), out));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    // `*` stands for a list index, never for a key someone wrote.
    const subtree = key === '*' ? undefined : tree.keys.get(key);
    if (subtree !== undefined) collectTargetFields(child, subtree, joinPath(path, key), out);
  }
}

/**
 * Every connected transition a node holds, in the order the node writes them,
 * including those it has no exit for now (a queue's `on.timeout` without
 * `maxWait`), so a rename or a delete leaves no stale id behind. Reads any
 * object as far as it fits its kind: the importer asks this of nodes the
 * schema refused.
 */
export function getTargetFields(node: FlowNode): TargetField[] {
  const tree = FIELD_TREES.get(node.kind);
  const fields: TargetField[] = [];
  if (tree !== undefined) collectTargetFields(node, tree, '', fields);
  return fields;
}

/** Calls `emit` for each prompt of `node`, without collecting them: rules run this over every node. */
export function forEachPrompt(node: FlowNode, emit: PromptSink): void {
  getKindSpec(node).prompts(node, emit);
}
