import type { Path } from '../../core/graph/path.ts';
import { getExits, getKindSpec, type Decider, type Exit, type ExitType, type Role } from '../../core/nodes/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';

// A simple stepper: walks a call through a flow the way the runtime would,
// with a caller policy at caller-decides nodes and a random environment
// everywhere else. It knows nothing of the solver; it only reads the registry.

// A small seeded generator (mulberry32), so a failing walk can be replayed: the simulated callers' own.
export { pick, seededRandom } from '../../cli/simulate/random.ts';

/** Chooses the exit a caller takes at a caller-decides node (index into its exits), or -1 when it has no idea. */
export type CallerPolicy = (nodeId: string, exits: Exit[], random: () => number) => number;

export const silentCaller: CallerPolicy = (_id, exits) => exits.findIndex((e) => e.type === 'noInput');
export const confusedCaller: CallerPolicy = (_id, exits) => exits.findIndex((e) => e.type === 'noMatch');
export const randomCaller: CallerPolicy = (_id, exits, random) => Math.floor(random() * exits.length);

export interface Move {
  nodeId: string;
  /** who took the exit: the node's decider, or the caller pressing for a call back where the environment decides */
  decider: Decider;
  role: Role;
  exit: Exit;
}

export type WalkEnd =
  | 'person' // a person's node took its success outcome
  | 'followUp' // reached voicemail or a callback
  | 'hangupNode' // reached a hangup node
  | 'unconnected' // took an exit that leads nowhere
  | 'bound' // the walk ran out of moves
  | 'stuck'; // the caller policy had no move

export interface Walk {
  end: WalkEnd;
  /** visits of caller-decides nodes */
  callerSteps: number;
  moves: Move[];
  /** node where the walk stopped (the hangup node, the follow-up, the person's node, ...) */
  last: string;
}

export const isGoal = (walk: Walk) => walk.end === 'person' || walk.end === 'followUp';
export const isHangup = (walk: Walk) => walk.end === 'hangupNode' || walk.end === 'unconnected';

/**
 * Walks from the entry (or `from`). At a person's node the environment picks any
 * outcome, success included; at other environment / no-decision nodes any exit but
 * one the caller takes (a callback offer), which the caller policy may press instead.
 */
export function walk(flow: Flow, caller: CallerPolicy, random: () => number, options: { bound?: number; from?: string } = {}): Walk {
  const bound = options.bound ?? 200;
  const moves: Move[] = [];
  let callerSteps = 0;
  let at = options.from ?? flow.entry;
  for (;;) {
    const node = flow.nodes[at];
    if (node === undefined) return { end: 'unconnected', callerSteps, moves, last: at };
    const { decider, role } = getKindSpec(node);
    if (role === 'followUp') return { end: 'followUp', callerSteps, moves, last: at };
    if (role === 'end') return { end: 'hangupNode', callerSteps, moves, last: at };
    if (moves.length >= bound) return { end: 'bound', callerSteps, moves, last: at };
    const exits = getExits(node);
    let index: number;
    if (decider === 'caller') {
      index = caller(at, exits, random);
      if (index < 0 || index >= exits.length) return { end: 'stuck', callerSteps, moves, last: at };
      callerSteps++;
    } else {
      if (exits.length === 0) return { end: 'hangupNode', callerSteps, moves, last: at };
      // The caller may press for a call back while holding; the environment never takes that exit.
      const pressed = exits.some((e) => e.byCaller) ? caller(at, exits, random) : -1;
      const outcomes = exits.filter((e) => !e.byCaller);
      index = exits[pressed]?.byCaller ? pressed : exits.indexOf(outcomes[Math.floor(random() * outcomes.length)]!);
    }
    const exit = exits[index]!;
    moves.push({ nodeId: at, decider: exit.byCaller ? 'caller' : decider, role, exit });
    if (exit.type === 'success') return { end: 'person', callerSteps, moves, last: at };
    if (exit.target === undefined || !(exit.target in flow.nodes)) return { end: 'unconnected', callerSteps, moves, last: at };
    at = exit.target;
  }
}

/** Closing nodes, by SPEC section 3, as a least fixpoint: a hangup, or a no-caller step node whose every exit hangs up. */
export function closingNodes(flow: Flow): Set<string> {
  const closing = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, node] of Object.entries(flow.nodes)) {
      if (closing.has(id)) continue;
      const { decider, role } = getKindSpec(node);
      const isClosing =
        role === 'end' ||
        (role === 'step' && decider !== 'caller' && getExits(node).every((e) => e.target === undefined || !(e.target in flow.nodes) || closing.has(e.target)));
      if (isClosing) {
        closing.add(id);
        changed = true;
      }
    }
  }
  return closing;
}

export interface ReplayedStep {
  nodeId: string;
  decider: Decider;
  role: Role;
  /** the exit the step took (matched by label and by where the next step is), if any */
  exit?: Exit;
}

/**
 * Replays a reported path move by move. Returns the steps with the exits they
 * took, every way in which the path is not a walk through the flow from the
 * entry that stays within the game (`problems`), and every way in which it does
 * not end as it says (`endProblems`).
 */
export function replayPath(flow: Flow, path: Path): { steps: ReplayedStep[]; problems: string[]; endProblems: string[] } {
  const problems: string[] = [];
  const endProblems: string[] = [];
  const steps: ReplayedStep[] = [];
  if (path.steps.length === 0) return { steps, problems: ['the path is empty'], endProblems };
  if (path.steps[0]!.nodeId !== flow.entry) problems.push(`the path starts at ${path.steps[0]!.nodeId}, not at the entry ${flow.entry}`);
  path.steps.forEach((step, i) => {
    const node = flow.nodes[step.nodeId];
    if (node === undefined) {
      problems.push(`step ${i}: no node ${step.nodeId}`);
      return;
    }
    const { decider, role } = getKindSpec(node);
    const isLast = i === path.steps.length - 1;
    const next = path.steps[i + 1]?.nodeId;
    let exit: Exit | undefined;
    if (step.exit === undefined) {
      if (!isLast) problems.push(`step ${i} (${step.nodeId}) names no exit but the path goes on to ${next}`);
    } else {
      const labelled = getExits(node).filter((e) => e.label === step.exit);
      if (labelled.length === 0) problems.push(`step ${i}: ${step.nodeId} has no exit "${step.exit}"`);
      const leadsOn = (e: Exit) => (isLast ? e.target === undefined || !(e.target in flow.nodes) : e.target === next);
      exit = labelled.find(leadsOn);
      if (labelled.length > 0 && exit === undefined) {
        problems.push(`step ${i}: exit "${step.exit}" of ${step.nodeId} leads to ${labelled.map((e) => e.target ?? '(nothing)').join('/')}, not to ${isLast ? '(nothing)' : next}`);
      }
    }
    if (!isLast) {
      // A counterexample shows the guarantee failing: the game is over once a person answered or a follow-up was reached.
      if (role === 'followUp') problems.push(`step ${i}: the path goes on past the follow-up ${step.nodeId}`);
      if (exit?.type === 'success') problems.push(`step ${i}: the path goes on past the success outcome of ${step.nodeId}`);
    }
    steps.push({ nodeId: step.nodeId, decider, role, ...(exit ? { exit } : {}) });
  });
  const callerSteps = steps.filter((s) => s.decider === 'caller' && s.exit !== undefined).length;
  if (path.callerSteps !== callerSteps) problems.push(`the path says ${path.callerSteps} caller steps, the replay counts ${callerSteps}`);

  const last = steps.at(-1);
  const lastStep = path.steps.at(-1)!;
  if (last !== undefined) {
    const kind = flow.nodes[last.nodeId]!.kind;
    switch (path.end) {
      case 'hangup':
        if (!closingNodes(flow).has(last.nodeId) && !(lastStep.exit !== undefined && last.exit !== undefined))
          endProblems.push(`the path ends in a hang-up, but ${last.nodeId} (${kind}) is not closing and the last exit is connected`);
        break;
      case 'loop':
        if (!path.steps.slice(0, -1).some((s) => s.nodeId === last.nodeId)) endProblems.push(`the path ends in a loop, but ${last.nodeId} does not occur earlier`);
        break;
      case 'person':
        if (kind !== 'transfer' && kind !== 'queue') endProblems.push(`the path ends at a person, but ${last.nodeId} is a ${kind}`);
        break;
      case 'followUp':
        if (kind !== 'voicemail' && kind !== 'callback') endProblems.push(`the path ends at a follow-up, but ${last.nodeId} is a ${kind}`);
        break;
      case 'open':
        break;
    }
    if ((path.end === 'person' || path.end === 'followUp' || path.end === 'open' || path.end === 'loop') && lastStep.exit !== undefined)
      endProblems.push(`the path ends (${path.end}) with an exit "${lastStep.exit}" taken from ${lastStep.nodeId}`);
  }
  return { steps, problems, endProblems };
}

/** The caller steps of a replayed path from the first visit of `nodeId` on. */
export function stepsFrom(steps: ReplayedStep[], nodeId: string): ReplayedStep[] {
  const from = steps.findIndex((s) => s.nodeId === nodeId);
  return from < 0 ? [] : steps.slice(from);
}

export const callerExitTypes = (steps: ReplayedStep[]): ExitType[] =>
  steps.filter((s) => s.decider === 'caller' && s.exit !== undefined).map((s) => s.exit!.type);
