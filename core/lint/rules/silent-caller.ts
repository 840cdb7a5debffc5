import { z } from 'zod';
import type { SolvedGame } from '../../solver/analyze.ts';
import type { Path } from '../../graph/path.ts';
import { getRouteToGoal, getStrandingWalk } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

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
    const isCaller = (nodeId: string) => graph.decider[graph.indexOf.get(nodeId)!] === 'caller';
    // Nodes where the caller has a move of its own beside the environment's (a queue's callback offer), which these callers never make.
    const offersMove = new Uint8Array(graph.ids.length);
    for (let x = 0; x < graph.exitTarget.length; x++) if (graph.exitByCaller[x]) offersMove[graph.exitSource[x]!] = 1;
    const hasOffer = (nodeId: string) => offersMove[graph.indexOf.get(nodeId)!] === 1;
    const callers: Array<[SolvedGame, 'silent' | 'confused']> = [
      [analysis.silent, 'silent'],
      [analysis.confused, 'confused'],
    ];
    for (const [game, caller] of callers) {
      const scenario = caller === 'silent' ? 'silent-caller' : 'confused-caller';
      const reported = new Set<string>();
      // Caller nodes a reported counterexample already walks through as this caller: it shows their fault too.
      const shown = new Set<string>();
      const show = (path: Path, from: number) => {
        for (const step of path.steps.slice(from)) shown.add(step.nodeId);
      };
      // Every checked caller node is judged on its own: a fault upstream that is no caller's (a dead end) hides none.
      for (const node of analysis.checked.order) {
        const isCallerNode = graph.decider[node] === 'caller';
        // A node with an offer only: how far help is, the caller nodes after it say; a loop the caller leaves only by the offer, nobody else reports.
        if (!isCallerNode && !(offersMove[node] && game.value[node] === Infinity)) continue;
        if (analysis.closing[node] || game.value[node]! <= maxSteps || shown.has(graph.ids[node]!)) continue;
        const steps = game.value[node]!;
        if (steps !== Infinity) {
          const path = getRouteToGoal(analysis, game, node);
          show(path, path.steps.findIndex((step) => step.nodeId === graph.ids[node]));
          report({ nodeId: graph.ids[node], messageId: `${caller}TooFar`, data: { steps, max: maxSteps }, path, scenario });
          continue;
        }
        const path = getStrandingWalk(analysis, game, node);
        // Blame the last caller decision before the call is lost: where the fault starts.
        const from = path.steps.findIndex((step) => step.nodeId === graph.ids[node]);
        show(path, from);
        const walked = path.steps.slice(from);
        // With no caller decision on the way, a loop through an offer never pressed is the fault; any other loss is endless-loop's or dead-end's.
        const cycle = path.end === 'loop' ? path.steps.slice(path.steps.findIndex((step) => step.nodeId === path.steps.at(-1)!.nodeId)) : [];
        const culprit =
          walked.findLast((step) => step.exit !== undefined && isCaller(step.nodeId)) ?? cycle.findLast((step) => step.exit !== undefined && hasOffer(step.nodeId));
        if (!culprit || reported.has(culprit.nodeId)) continue;
        reported.add(culprit.nodeId);
        // The walk shown starts from the blamed node, reached the shortest way: the judged node's route to it may pass it pressing a key.
        const culpritNode = graph.indexOf.get(culprit.nodeId)!;
        const shownPath = culpritNode === node ? path : getStrandingWalk(analysis, game, culpritNode);
        report({ nodeId: culprit.nodeId, messageId: shownPath.end === 'loop' ? `${caller}Loop` : `${caller}Hangup`, path: shownPath, scenario });
      }
    }
  },
});
