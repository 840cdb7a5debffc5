import { z } from 'zod';
import { getExit, UNKNOWN_TARGET } from '../../graph/flow-graph.ts';
import { readLinkTarget } from '../../nodes/link.ts';
import { createRule } from '../rule.ts';

const MAX_SUGGESTION_DISTANCE = 2;

/** Levenshtein distance, two rows at a time. */
function getEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The existing id closest to a missing one, if a typo away; the first in file order wins a tie. */
function getClosestId(missing: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_SUGGESTION_DISTANCE + 1;
  for (const id of ids) {
    const distance = getEditDistance(missing, id);
    if (distance < bestDistance) {
      best = id;
      bestDistance = distance;
    }
  }
  return best;
}

export default createRule({
  id: 'missing-target',
  meta: {
    description: 'Every transition and the entry name a node of the flow; the designer keeps positions only for nodes.',
    severity: 'error',
    messages: {
      missingTarget: 'The "{{exit}}" route goes to "{{target}}", which is not a node in this flow.',
      missingTargetSuggestion: 'The "{{exit}}" route goes to "{{target}}", which is not a node in this flow; did you mean "{{suggestion}}"?',
      missingEntry: 'The call starts at "{{entry}}", which is not a node in this flow.',
      missingEntrySuggestion: 'The call starts at "{{entry}}", which is not a node in this flow; did you mean "{{suggestion}}"?',
      missingFlow: 'The "{{exit}}" route continues in flow "{{flow}}", which is not linted with this one; flows of the line: {{flows}}.',
      missingLinkedNode: 'The "{{exit}}" route continues at "{{target}}" in flow "{{flow}}", which has no such node.',
      strayPosition: 'ui.positions places "{{id}}" on the canvas, but the flow has no such node.',
    },
    options: z.strictObject({}),
  },
  check({ flow, analysis, line, report }) {
    const { graph } = analysis;
    if (graph.entry < 0) {
      const suggestion = getClosestId(flow.entry, graph.ids);
      report({
        nodeId: flow.entry,
        messageId: suggestion === undefined ? 'missingEntry' : 'missingEntrySuggestion',
        data: { entry: flow.entry, ...(suggestion !== undefined ? { suggestion } : {}) },
      });
    }
    // Every node, reachable or not: a typo is a typo wherever it sits.
    for (let x = 0; x < graph.exitTarget.length; x++) {
      if (graph.exitTarget[x] !== UNKNOWN_TARGET) continue;
      const exit = getExit(graph, x);
      const target = exit.target!;
      const nodeId = graph.ids[graph.exitSource[x]!];
      const link = readLinkTarget(target);
      if (link !== undefined) {
        const linked = line?.get(link.flowId);
        if (linked === undefined) {
          const flows = line === undefined ? 'none (this flow was linted alone)' : [...line.keys()].map((id) => `"${id}"`).join(', ');
          report({ nodeId, messageId: 'missingFlow', data: { exit: exit.label, flow: link.flowId, flows } });
        } else if (!Object.hasOwn(linked.nodes, link.nodeId ?? linked.entry)) {
          report({ nodeId, messageId: 'missingLinkedNode', data: { exit: exit.label, flow: link.flowId, target: link.nodeId ?? linked.entry } });
        }
        continue;
      }
      const suggestion = getClosestId(target, graph.ids);
      report({
        nodeId,
        messageId: suggestion === undefined ? 'missingTarget' : 'missingTargetSuggestion',
        data: { exit: exit.label, target, ...(suggestion !== undefined ? { suggestion } : {}) },
      });
    }
    // A stale position only clutters the file; the call is not affected, hence a warning.
    const positions = flow.ui?.positions ?? {};
    for (const id in positions) {
      if (!(id in flow.nodes)) report({ nodeId: id, messageId: 'strayPosition', data: { id }, severity: 'warn' });
    }
  },
});
