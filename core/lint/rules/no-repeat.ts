import { z } from 'zod';
import { forEachNodeOfKind } from '../../graph/flow-graph.ts';
import type { Path } from '../../graph/path.ts';
import type { FlowNode } from '../../schema/flow.ts';
import type { Analysis } from '../../solver/analyze.ts';
import { getRouteAlong } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

/** An input that asks for a variable the caller already entered, with the route that shows it. */
export interface RepeatedInput {
  /** the input asking again, a node index */
  input: number;
  /** the input where the caller first gave the value, a node index (the same one when the call loops back to it) */
  first: number;
  variable: string;
  /** from the entry through the first input's valid entry to the input asking again */
  path: Path;
}

/**
 * Inputs a call can reach after a valid entry of the same variable: breadth-first walks from the
 * valid-entry exits of the inputs storing it, so the work is linear in the flow per walk, whatever
 * the number of routes. Retries (no input, invalid) come before any valid entry and are never asking
 * twice; nor is an input behind a condition that the variable exists (its else branch), which a call
 * that has the value never takes. Without `sameInput`, coming back to the input itself is the
 * caller choosing that task again (another account, another parcel): only another input asking for
 * the value counts, so one walk per input of a variable two inputs store.
 */
export function getRepeatedInputs(analysis: Analysis, sameInput = true): RepeatedInput[] {
  const { graph, reachable } = analysis;
  const n = graph.ids.length;
  const inputsByVariable = new Map<string, number[]>();
  forEachNodeOfKind(graph, 'input', (node, _nodeId, index) => {
    if (!reachable.reached[index]) return;
    const inputs = inputsByVariable.get(node.variable);
    if (inputs) inputs.push(index);
    else inputsByVariable.set(node.variable, [index]);
  });
  // Stamps instead of clearing: each variable, and each walk, numbers its own marks.
  const seen = new Int32Array(n);
  const asks = new Int32Array(n);
  const reported = new Int32Array(n);
  const parentExit = new Int32Array(n);
  const queue = new Int32Array(n);
  const repeated: RepeatedInput[] = [];
  let variableStamp = 0;
  let walkStamp = 0;
  for (const [variable, inputs] of inputsByVariable) {
    variableStamp++;
    for (const index of inputs) asks[index] = variableStamp;
    const walks = sameInput ? [inputs] : inputs.length < 2 ? [] : inputs.map((index) => [index]);
    for (const starts of walks) {
      walkStamp++;
      const isValidEntry = (x: number) => graph.exitType[x] === 'ok' && starts.includes(graph.exitSource[x]!);
      let tail = 0;
      const visit = (x: number) => {
        const t = graph.exitTarget[x]!;
        if (t < 0 || seen[t] === walkStamp) return;
        seen[t] = walkStamp;
        parentExit[t] = x;
        queue[tail++] = t;
      };
      for (const index of starts) for (let x = graph.exitStart[index]!; x < graph.exitStart[index + 1]!; x++) if (isValidEntry(x)) visit(x);
      for (let head = 0; head < tail; head++) {
        const u = queue[head]!;
        if (asks[u] === variableStamp && reported[u] !== variableStamp && (sameInput || !starts.includes(u))) {
          reported[u] = variableStamp;
          repeated.push(toRepeatedInput(analysis, variable, u, parentExit, isValidEntry));
        }
        const known = isExistsTest(graph.nodes[u]!, variable);
        // After a valid entry the variable exists: a condition testing that never takes its else.
        for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) if (!(known && graph.exitId[x] === 'else')) visit(x);
      }
    }
  }
  return repeated.sort((a, b) => a.input - b.input);
}

/** A condition that `variable` exists: what a flow tests to skip an input whose value it already has. */
function isExistsTest(node: FlowNode, variable: string): boolean {
  return node.kind === 'condition' && node.test.type === 'variable' && node.test.variable === variable && node.test.op === 'exists';
}

function toRepeatedInput(analysis: Analysis, variable: string, input: number, parentExit: Int32Array, isValidEntry: (x: number) => boolean): RepeatedInput {
  const { graph } = analysis;
  const exits: number[] = [];
  for (let at = input, guard = 0; guard <= graph.ids.length; guard++) {
    const x = parentExit[at]!;
    exits.push(x);
    if (isValidEntry(x)) break;
    at = graph.exitSource[x]!;
  }
  exits.reverse();
  return { input, first: graph.exitSource[exits[0]!]!, variable, path: getRouteAlong(analysis, exits) };
}

export default createRule({
  id: 'no-repeat',
  meta: {
    description: 'No route asks the caller again for what they already entered: no other input of the same variable is reached after a valid entry (with `sameInput`, not the same input either).',
    severity: 'off',
    messages: {
      askedAgain:
        'Input "{{input}}" asks for {{variable}} again: the caller already entered it at "{{first}}". Use the value kept in {{variable}} instead of asking twice: a condition that {{variable}} exists can go round the input.',
    },
    options: z.strictObject({
      /** also report a call that comes back to the same input: a caller choosing the task again is asked again */
      sameInput: z.boolean().default(false),
    }),
  },
  check({ analysis, options, report }) {
    const { ids } = analysis.graph;
    for (const { input, first, variable, path } of getRepeatedInputs(analysis, options.sameInput)) {
      report({ nodeId: ids[input]!, messageId: 'askedAgain', data: { input: ids[input]!, first: ids[first]!, variable }, path });
    }
  },
});
