import { z } from 'zod';
import { getExit, UNKNOWN_TARGET } from '../../graph/flow-graph.ts';
import { readLinkTarget } from '../../nodes/link.ts';
import { getClosestWord } from '../../schema/closest-word.ts';
import { createRule } from '../rule.ts';

/** Flow ids a finding lists before it counts the rest: a repository's line can hold hundreds, each link reported with them. */
const MAX_LISTED_FLOWS = 8;

/** `"entry", "billing"`, or the first few and how many more. */
function toFlowList(flowIds: readonly string[]): string {
  const listed = flowIds.slice(0, MAX_LISTED_FLOWS).map((id) => `"${id}"`).join(', ');
  return flowIds.length > MAX_LISTED_FLOWS ? `${listed} and ${flowIds.length - MAX_LISTED_FLOWS} more` : listed;
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
      missingFlowSuggestion: 'The "{{exit}}" route continues in flow "{{flow}}", which is not linted with this one; did you mean "{{suggestion}}"?',
      missingLinkedNode: 'The "{{exit}}" route continues at "{{target}}" in flow "{{flow}}", which has no such node.',
      strayPosition: 'ui.positions places "{{id}}" on the canvas, but the flow has no such node.',
    },
    options: z.strictObject({}),
  },
  check({ flow, analysis, line, report }) {
    const { graph } = analysis;
    if (graph.entry < 0) {
      const suggestion = getClosestWord(flow.entry, graph.ids);
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
          const flowIds = line === undefined ? [] : [...line.keys()];
          const suggestion = getClosestWord(link.flowId, flowIds);
          if (suggestion !== undefined) report({ nodeId, messageId: 'missingFlowSuggestion', data: { exit: exit.label, flow: link.flowId, suggestion } });
          else report({ nodeId, messageId: 'missingFlow', data: { exit: exit.label, flow: link.flowId, flows: line === undefined ? 'none (this flow was linted alone)' : toFlowList(flowIds) } });
        } else if (!Object.hasOwn(linked.nodes, link.nodeId ?? linked.entry)) {
          report({ nodeId, messageId: 'missingLinkedNode', data: { exit: exit.label, flow: link.flowId, target: link.nodeId ?? linked.entry } });
        }
        continue;
      }
      const suggestion = getClosestWord(target, graph.ids);
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
