import { continueCall, startCall, type Step } from '../../core/interpreter/index.ts';
import type { Flow } from '../../core/schema/flow.ts';
import type { Walk } from '../../core/testing/paths.ts';
import { walkToInputs } from '../../core/testing/walk-inputs.ts';

/** Drives the shared interpreter with a walk's inputs: the nodes the call entered, and its last step. */
export function replayWalk(flow: Flow, walk: Walk): { entered: string[]; last: Step; unrealizable?: string } {
  const inputs = walkToInputs(flow, walk);
  const draws = [...inputs.draws];
  const options = { flowVersion: 'walk', now: inputs.now, random: () => draws.shift() ?? 0 };
  let last = startCall(flow, { callSid: 'CAwalk', ...inputs.caller }, options);
  const entered = [...(last.path ?? [])];
  for (const step of inputs.steps) {
    for (const event of step.events) {
      last = continueCall(flow, last.state, event, options);
      entered.push(...(last.path ?? []));
    }
  }
  return { entered, last, ...(inputs.unrealizable ? { unrealizable: inputs.unrealizable } : {}) };
}

/** The nodes a walk says the call enters: each step's node, then where it stops. */
export function getWalkNodes(walk: Walk): string[] {
  const nodes = walk.steps.map((step) => step.nodeId);
  return walk.endNodeId === undefined ? nodes : [...nodes, walk.endNodeId];
}
