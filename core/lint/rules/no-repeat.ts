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
 * Inputs a call can reach after a valid entry of the same variable: one breadth-first walk per
 * variable from the valid-entry exits of every input storing it, so the work is linear in the flow
 * per variable, whatever the number of routes. Retries (no input, invalid) come before any valid
 * entry and are never asking twice; nor is an input behind a condition that the variable exists
 * (its else branch), which a call that has the value never takes.
 */
export function getRepeatedInputs(analysis: Analysis): RepeatedInput[] {
  const { graph, reachable } = analysis;
  const n = graph.ids.length;
  const inputsByVariable = new Map<string, number[]>();
  forEachNodeOfKind(graph, 'input', (node, _nodeId, index) => {
    if (!reachable.reached[index]) return;
    const inputs = inputsByVariable.get(node.variable);
    if (inputs) inputs.push(index);
    else inputsByVariable.set(node.variable, [index]);
  });
  // Stamps instead of clearing: each variable's walk numbers its own marks.
  const seen = new Int32Array(n);
  const asks = new Int32Array(n);
  const parentExit = new Int32Array(n);
  const queue = new Int32Array(n);
  const repeated: RepeatedInput[] = [];
  let stamp = 0;
  for (const [variable, inputs] of inputsByVariable) {
    stamp++;
    for (const index of inputs) asks[index] = stamp;
    const isValidEntry = (x: number) => graph.exitType[x] === 'ok' && asks[graph.exitSource[x]!] === stamp;
    let tail = 0;
    const visit = (x: number) => {
      const t = graph.exitTarget[x]!;
      if (t < 0 || seen[t] === stamp) return;
      seen[t] = stamp;
      parentExit[t] = x;
      queue[tail++] = t;
    };
    for (const index of inputs) for (let x = graph.exitStart[index]!; x < graph.exitStart[index + 1]!; x++) if (isValidEntry(x)) visit(x);
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      if (asks[u] === stamp) repeated.push(toRepeatedInput(analysis, variable, u, parentExit, isValidEntry));
      const known = isExistsTest(graph.nodes[u]!, variable);
      // After a valid entry the variable exists: a condition testing that never takes its else.
      for (let x = graph.exitStart[u]!; x < graph.exitStart[u + 1]!; x++) if (!(known && graph.exitId[x] === 'else')) visit(x);
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
    description: 'No route asks the caller again for what they already entered: an input is never reached after a valid entry of its variable.',
    severity: 'off',
    messages: {
      askedAgain:
        'Input "{{input}}" asks for {{variable}} again: the caller already entered it at "{{first}}". Use the value kept in {{variable}} instead of asking twice: a condition that {{variable}} exists can go round the input.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, report }) {
    const { ids } = analysis.graph;
    for (const { input, first, variable, path } of getRepeatedInputs(analysis)) {
      report({ nodeId: ids[input]!, messageId: 'askedAgain', data: { input: ids[input]!, first: ids[first]!, variable }, path });
    }
  },
});
