import { z } from 'zod';
import type { SolvedGame } from '../../solver/analyze.ts';
import type { PathStep } from '../../graph/path.ts';
import { countRouteSteps, getIndexedStrandingWalk, getRouteToGoal, getStrandingWalk } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

/** The first step at or after `from` that visits `nodeId`; -1 when none. */
function findStep(steps: readonly PathStep[], nodeId: string, from: number): number {
  for (let index = from; index < steps.length; index++) if (steps[index]!.nodeId === nodeId) return index;
  return -1;
}

/** Where `steps.slice(index)` starts: a negative index counts from the end, as slice does. */
const toSliceStart = (index: number, length: number): number => (index < 0 ? Math.max(length + index, 0) : index);

/** The last step at or after `from` that takes an exit at a node `fits` (by index): no slice of the walk is made. */
function findLastTaken(steps: readonly PathStep[], from: number, fits: (node: number) => boolean, indexOf: (nodeId: string) => number): PathStep | undefined {
  for (let index = steps.length - 1; index >= from; index--) {
    const step = steps[index]!;
    if (step.exit !== undefined && fits(indexOf(step.nodeId))) return step;
  }
  return undefined;
}

/** The node of the last step of a walk's own part (step `from` on, `nodes` by index) that takes an exit at a node `fits`; -1 when none. */
function findLastTakenNode(steps: readonly PathStep[], from: number, nodes: readonly number[], fits: (node: number) => boolean): number {
  for (let index = nodes.length - 1; index >= 0; index--) {
    if (steps[from + index]!.exit !== undefined && fits(nodes[index]!)) return nodes[index]!;
  }
  return -1;
}

export default createRule({
  id: 'silent-caller',
  meta: {
    description:
      'A caller who never answers, and one who always answers wrongly, reach a person or a follow-up within N steps from every point, whatever happens.',
    severity: 'error',
    acrossFlows: true,
    core: true,
    messages: {
      silentLoop: 'A caller who says nothing here goes round in a loop and never reaches a person.',
      silentHangup: 'A caller who says nothing here is hung up on before reaching a person.',
      silentTooFar: 'A caller who says nothing here needs {{steps}} steps to reach a person or a follow-up; the budget is {{max}}.',
      confusedLoop: 'A caller who keeps pressing the wrong key here goes round in a loop and never reaches a person.',
      confusedHangup: 'A caller who keeps pressing the wrong key here is hung up on before reaching a person.',
      confusedTooFar:
        'A caller who keeps pressing the wrong key here needs {{steps}} steps to reach a person or a follow-up; the budget is {{max}}.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, maxSteps, report }) {
    const { graph } = analysis;
    const indexOf = (nodeId: string) => graph.indexOf.get(nodeId)!;
    // Nodes where the caller has a move of its own beside the environment's (a queue's callback offer), which these callers never make.
    const offersMove = new Uint8Array(graph.ids.length);
    for (let x = 0; x < graph.exitTarget.length; x++) if (graph.exitByCaller[x]) offersMove[graph.exitSource[x]!] = 1;
    const callers: Array<[SolvedGame, 'silent' | 'confused']> = [
      [analysis.silent, 'silent'],
      [analysis.confused, 'confused'],
    ];
    for (const [game, caller] of callers) {
      const scenario = caller === 'silent' ? 'silent-caller' : 'confused-caller';
      // By node index, not by id: a large flow judges tens of thousands of nodes against these.
      const reported = new Uint8Array(graph.ids.length);
      // Caller nodes a reported counterexample already walks through as this caller: it shows their fault too.
      const shown = new Uint8Array(graph.ids.length);
      const show = (steps: readonly PathStep[], from: number) => {
        for (let index = from; index < steps.length; index++) shown[indexOf(steps[index]!.nodeId)] = 1;
      };
      // Every checked caller node is judged on its own: a fault upstream that is no caller's (a dead end) hides none.
      const { order } = analysis.checked;
      for (let index = 0; index < order.length; index++) {
        const node = order[index]!;
        const isCallerNode = graph.decider[node] === 'caller';
        // A node with an offer only: how far help is, the caller nodes after it say; a loop the caller leaves only by the offer, nobody else reports.
        if (!isCallerNode && !(offersMove[node] && game.value[node] === Infinity)) continue;
        if (analysis.closing[node] || game.value[node]! <= maxSteps || shown[node]) continue;
        const steps = game.value[node]!;
        if (steps !== Infinity) {
          const path = getRouteToGoal(analysis, game, node);
          show(path.steps, countRouteSteps(analysis, node));
          report({ nodeId: graph.ids[node], messageId: `${caller}TooFar`, data: { steps, max: maxSteps }, path, scenario });
          continue;
        }
        // the walk's own nodes by index, not looked up by their ids: a large flow judges thousands of walks
        const { path, from, nodes } = getIndexedStrandingWalk(analysis, game, node);
        for (let index = 0; index < nodes.length; index++) shown[nodes[index]!] = 1;
        // Blame the last caller decision before the call is lost: where the fault starts.
        let culpritNode = findLastTakenNode(path.steps, from, nodes, (at) => graph.decider[at] === 'caller');
        if (culpritNode < 0) {
          // With no caller decision on the way, a loop through an offer never pressed is the fault; any other loss is endless-loop's or dead-end's.
          const cycleStart = path.end === 'loop' ? toSliceStart(findStep(path.steps, path.steps.at(-1)!.nodeId, 0), path.steps.length) : path.steps.length;
          const culprit = findLastTaken(path.steps, cycleStart, (at) => offersMove[at] === 1, indexOf);
          if (culprit === undefined) continue;
          culpritNode = indexOf(culprit.nodeId);
        }
        if (reported[culpritNode]) continue;
        reported[culpritNode] = 1;
        // The walk shown starts from the blamed node, reached the shortest way: the judged node's route to it may pass it pressing a key.
        const shownPath = culpritNode === node ? path : getStrandingWalk(analysis, game, culpritNode);
        report({ nodeId: graph.ids[culpritNode], messageId: shownPath.end === 'loop' ? `${caller}Loop` : `${caller}Hangup`, path: shownPath, scenario });
      }
    }
  },
});
