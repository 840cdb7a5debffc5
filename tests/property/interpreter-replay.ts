import type { Path } from '../../core/graph/path.ts';
import { continueCall, startCall, type CallEvent, type RunOptions, type Step } from '../../core/interpreter/index.ts';
import { getExits, getKindSpec } from '../../core/nodes/registry.ts';
import { canSplitTake, isDrawingSplit } from '../../core/nodes/split.ts';
import type { Flow, FlowNode, NodeOfKind } from '../../core/schema/flow.ts';

// Drives the real interpreter (core/interpreter) along a reported path: each
// step's exit becomes the event that makes the call take it (a key, a phrase,
// silence, invalid input, a dial, queue or look-up outcome), and each condition
// on the way draws the number or reads the clock that sends it that way.

const CALLER = { callSid: 'CAprop', from: '+15550199' };
/** A Monday 10:00 in Madrid, inside the generated hours test's Monday 09:00-17:00; and a Sunday noon, outside. */
const OPEN = new Date('2026-06-01T08:00:00Z');
const CLOSED = new Date('2026-06-07T10:00:00Z');
/** Draws that put a split's call in its first branch (any percent above 0) or its rest (any below 100). */
const IN_SPLIT = 0;
const IN_REST = 0.9999;
/** Events sent at one wait before the replay gives up (re-prompts take several). */
const ATTEMPTS = 12;

/** What the interpreter did along a path. */
export interface Replay {
  /** the nodes the call entered, in order, over the whole call */
  visited: string[];
  /** the exits it left them by (registry ids), in order */
  exits: string[];
  /** the events sent, in order */
  events: CallEvent[];
  /** the last step the interpreter answered */
  last: Step;
  /** why the replay could not drive the path on, if it could not */
  problem?: string;
}

/** A condition outcome a path asks for: the clock or the draw it takes, in path order. */
interface Conditions {
  clocks: Date[];
  draws: number[];
  /** for a loop, where its cycle's clocks and draws start: past the path the call goes round again */
  clocksCycleFrom?: number;
  drawsCycleFrom?: number;
}

/** The draws and clocks that send each condition on the path the way the path goes; `problem` when one cannot go that way. */
function toConditions(flow: Flow, path: Path): Conditions & { problem?: string } {
  const conditions: Conditions = { clocks: [], draws: [] };
  const cycleStart = path.end === 'loop' ? path.steps.findIndex((step) => step.nodeId === path.steps.at(-1)!.nodeId) : -1;
  for (const [index, step] of path.steps.entries()) {
    if (index === cycleStart) {
      conditions.clocksCycleFrom = conditions.clocks.length;
      conditions.drawsCycleFrom = conditions.draws.length;
    }
    const node = flow.nodes[step.nodeId];
    if (node?.kind !== 'condition' || step.exitId === undefined) continue;
    const then = step.exitId === 'then';
    const { test } = node;
    if (test.type === 'hours') conditions.clocks.push(then ? OPEN : CLOSED);
    else if (test.type === 'split') {
      if (!canSplitTake(test.percent, then)) return { ...conditions, problem: `${step.nodeId}: a ${test.percent}% split never takes "${step.exit}"` };
      // A 0 % or 100 % split draws nothing in the interpreter: a draw queued for it would steer the next split.
      if (isDrawingSplit(test.percent)) conditions.draws.push(then ? IN_SPLIT : IN_REST);
    } else return { ...conditions, problem: `${step.nodeId}: no driver for a ${test.type} test` };
  }
  return conditions;
}

/** The `index`th outcome: in turn, then a loop's cycle round again, else the last one again. */
function toOutcome<T>(outcomes: T[], index: number, cycleFrom: number | undefined): T | undefined {
  if (index < outcomes.length) return outcomes[index];
  if (cycleFrom === undefined || cycleFrom >= outcomes.length) return outcomes.at(-1);
  return outcomes[cycleFrom + ((index - cycleFrom) % (outcomes.length - cycleFrom))];
}

/** Run options whose clock and random source give the conditions' outcomes in turn (then a loop's cycle, or the last one, again). */
function toRunOptions(conditions: Conditions): RunOptions {
  let clock = 0;
  let draw = 0;
  return {
    flowVersion: 'property',
    get now() {
      return toOutcome(conditions.clocks, clock++, conditions.clocksCycleFrom) ?? OPEN;
    },
    random: () => toOutcome(conditions.draws, draw++, conditions.drawsCycleFrom) ?? IN_SPLIT,
    // Replays check the path, not the run-time guard: a loop may come round more often than a live call allows.
    menuVisitLimit: 1000,
  };
}

/** A key no option of the menu has, so the caller's press matches nothing. */
export function getUnusedKey(node: NodeOfKind<'menu'>): string {
  return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'].find((key) => !node.options.some((o) => o.key === key))!;
}

/**
 * The event that takes `exitId` out of the waiting node `node`. `speech` says whether a menu option
 * with phrases is spoken rather than pressed: the option's longest phrase, inside a sentence.
 */
export function toEvent(node: FlowNode, exitId: string, speech: boolean): CallEvent | undefined {
  switch (node.kind) {
    case 'menu': {
      if (exitId === 'noInput.next') return { type: 'input' };
      if (exitId === 'noMatch.next') return speech && node.speech ? { type: 'input', speech: 'something else entirely' } : { type: 'input', digits: getUnusedKey(node) };
      const option = node.options[Number(exitId.split('.')[1])];
      if (option === undefined) return undefined;
      const phrase = option.phrases?.reduce((a, b) => (b.split(' ').length > a.split(' ').length ? b : a));
      if (node.speech && phrase !== undefined && (speech || option.key === undefined)) return { type: 'input', speech: `um, ${phrase} please` };
      return option.key === undefined ? undefined : { type: 'input', digits: option.key };
    }
    case 'input':
      if (exitId === 'next') return { type: 'input', digits: '1234#' };
      if (exitId === 'noInput.next') return { type: 'input' };
      return { type: 'input', speech: 'I do not know it' };
    case 'survey':
      return { type: 'input' };
    case 'http':
      return { type: 'lookup', outcome: exitId === 'on.ok' ? 'ok' : exitId === 'on.failed' ? 'failed' : 'timeout' };
    case 'transfer':
      return { type: 'dial', outcome: exitId.slice('on.'.length) as 'answered' | 'busy' | 'noAnswer' | 'failed' };
    case 'queue':
      // The offer is the caller's move: it presses the key while holding.
      if (exitId === 'callbackOffer.next') return { type: 'input', digits: node.callbackOffer!.key };
      return { type: 'queue', outcome: exitId.slice('on.'.length) as 'answered' | 'full' | 'timeout' };
    case 'voicemail':
      return { type: 'recorded' };
    case 'callback':
      return { type: 'callbackNumber' };
    default:
      return undefined;
  }
}

function record(replay: Replay, step: Step): void {
  replay.visited.push(...(step.path ?? []));
  replay.exits.push(...(step.exits ?? []).map((e) => e.exitId));
  replay.last = step;
}

/**
 * Starts a call and drives it along `path`: at each wait the path passes, the event its exit
 * implies, again while the node re-prompts (retries), until the call leaves by that exit. Conditions
 * take the path's branches. The flow's step budget is lifted so the guard leaves long paths alone.
 */
export function replayOnInterpreter(flow: Flow, path: Path, speech: boolean): Replay {
  const unguarded: Flow = { ...flow, settings: { ...flow.settings, maxSteps: 1000 } };
  const conditions = toConditions(flow, path);
  const options = toRunOptions(conditions);
  const first = startCall(unguarded, CALLER, options);
  const replay: Replay = { visited: [], exits: [], events: [], last: first };
  record(replay, first);
  if (conditions.problem !== undefined) return { ...replay, problem: conditions.problem };
  path.steps.forEach((step, index) => {
    if (replay.problem !== undefined || step.exitId === undefined) return;
    const node = flow.nodes[step.nodeId]!;
    // Nodes that do not wait are crossed by the interpreter itself on its way to the next wait.
    if (replay.last.wait.kind === 'end' || replay.last.state.at !== step.nodeId) return;
    const event = toEvent(node, step.exitId, speech && index % 2 === 0);
    if (event === undefined) {
      replay.problem = `${step.nodeId}: no event takes "${step.exit}"`;
      return;
    }
    const before = replay.exits.length;
    for (let attempt = 0; attempt < ATTEMPTS && replay.exits.length === before; attempt++) {
      const next = continueCall(unguarded, replay.last.state, event, options);
      replay.events.push(event);
      record(replay, next);
      if (next.state.at !== step.nodeId) break;
    }
    if (replay.exits.length === before) replay.problem = `${step.nodeId}: "${step.exit}" was never taken`;
  });
  return replay;
}

/** Whether the node is one a call waits at with no decision to make, where any event moves it on (closing walks). */
const isStepNode = (node: FlowNode) => getKindSpec(node).role === 'step' && getKindSpec(node).decider !== 'caller';

/**
 * After a path that ends in a hang-up at a closing node: drives the call on by each node's first exit
 * (every way from a closing node hangs up) until it ends, at most `bound` waits.
 */
export function driveToEnd(flow: Flow, replay: Replay, bound = 20): Step {
  let step = replay.last;
  const options = toRunOptions({ clocks: [], draws: [] });
  for (let i = 0; i < bound && step.wait.kind !== 'end'; i++) {
    const at = step.state.at;
    const node = at === undefined ? undefined : flow.nodes[at];
    if (node === undefined || !isStepNode(node)) break;
    const exit = getExits(node)[0];
    const event = exit && toEvent(node, exit.id, false);
    if (event === undefined) break;
    step = continueCall({ ...flow, settings: { ...flow.settings, maxSteps: 1000 } }, step.state, event, options);
    record(replay, step);
  }
  return step;
}
