import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continueCall, startCall } from '../../core/interpreter/index.ts';
import type { CallEvent, Step } from '../../core/interpreter/types.ts';
import { getExits } from '../../core/nodes/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { propertyFlow } from '../property/arbitraries.ts';
import { CALLER, runOptions } from './helpers.ts';

// On random flows and random callers, every exit a step reports is one the registry
// declares for its node, and leads to the next node the call entered.

/** An event that fits the wait, `choice` picking among keys, silence, a wrong key and the outcomes. */
function fitting(flow: Flow, step: Step, choice: number): CallEvent {
  const among = <T>(items: T[]): T => items[choice % items.length]!;
  const { wait } = step;
  switch (wait.kind) {
    case 'input': {
      const node = flow.nodes[wait.nodeId];
      const keys = node?.kind === 'menu' ? node.options.map((option) => option.key ?? '') : ['1234567890#', '4', '12'];
      return among<CallEvent>([...keys.map((digits) => ({ type: 'input' as const, digits })), { type: 'input' }, { type: 'input', digits: '*' }]);
    }
    case 'lookup':
      return { type: 'lookup', outcome: among(['ok', 'failed', 'timeout'] as const) };
    case 'dial':
      return { type: 'dial', outcome: among(['answered', 'busy', 'noAnswer', 'failed'] as const) };
    case 'queue':
      return { type: 'queue', outcome: among(['answered', 'full', 'timeout', 'callback'] as const) };
    case 'link':
      return { type: 'link', outcome: 'failed' };
    case 'record':
      return { type: 'recorded' };
    case 'callbackNumber':
      return { type: 'callbackNumber' };
    case 'end':
      return { type: 'start' };
  }
}

/** Each exit leaves the node the call was last in and leads to the node entered after it. */
function checkExits(flow: Flow, step: Step, waitingAt: string | undefined): void {
  const path = step.path ?? [];
  let at = waitingAt;
  let entered = 0;
  for (const [index, taken] of (step.exits ?? []).entries()) {
    const node = flow.nodes[taken.nodeId];
    const exit = node === undefined ? undefined : getExits(node).find((candidate) => candidate.id === taken.exitId);
    expect(exit, `${taken.nodeId} ${taken.exitId}`).toBeDefined();
    // The guard's own moves take no exit: skip to where this exit leaves from.
    while (at !== taken.nodeId && entered < path.length) at = path[entered++];
    expect(at).toBe(taken.nodeId);
    if (exit!.target === undefined) {
      expect(index).toBe(step.exits!.length - 1);
      expect(step.wait.kind).toBe('end');
      continue;
    }
    expect(path[entered]).toBe(exit!.target);
    at = path[entered++];
  }
  // An exit id the registry does not know would send the caller to a person as an internal error.
  expect(step.state.guard).not.toBe('error');
  // Without the guard, every node entered was entered by an exit (the entry alone by the start).
  const leadingIn = (step.exits ?? []).filter((taken) => getExits(flow.nodes[taken.nodeId]!).find((exit) => exit.id === taken.exitId)?.target !== undefined);
  if (step.state.guard === undefined) expect(leadingIn).toHaveLength(waitingAt === undefined ? path.length - 1 : path.length);
}

describe('exits taken', () => {
  it('are declared by the registry and lead to the next node entered', () => {
    fc.assert(
      fc.property(propertyFlow, fc.array(fc.nat(11), { maxLength: 12 }), (flow, choices) => {
        const options = runOptions();
        let step = startCall(flow, CALLER, options);
        checkExits(flow, step, undefined);
        for (const choice of choices) {
          if (step.wait.kind === 'end') break;
          const next = continueCall(flow, step.state, fitting(flow, step, choice), options);
          checkExits(flow, next, step.state.at);
          step = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});
