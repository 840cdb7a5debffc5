import { z } from 'zod';
import { forEachNodeOfKind, type FlowGraph } from '../../graph/flow-graph.ts';
import { getPromptSeconds } from '../../nodes/prompt.ts';
import { DEFAULTS } from '../../schema/defaults.ts';
import { getRouteThrough } from '../../solver/paths.ts';
import { createRule } from '../rule.ts';

/**
 * 1 for the nodes from which the call goes to a person or a follow-up whatever the environment does and
 * with no caller choice: a person's or follow-up node (its own failures are its own rules' concern), or a
 * node nobody or the environment decides at whose every exit is connected and leads to one. A least
 * fixpoint, backwards in O(V+E), as closing nodes are found: a cycle of such nodes never gets there.
 */
function getHelpWithoutChoice(graph: FlowGraph): Uint8Array {
  const n = graph.ids.length;
  const helped = new Uint8Array(n);
  const openExits = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (graph.role[i] === 'human' || graph.role[i] === 'followUp') {
      helped[i] = 1;
      queue.push(i);
      continue;
    }
    const exits = graph.exitStart[i + 1]! - graph.exitStart[i]!;
    let connected = true;
    for (let x = graph.exitStart[i]!; x < graph.exitStart[i + 1]!; x++) if (graph.exitTarget[x]! < 0) connected = false;
    // -1: can never be helped (a caller's choice, the end of the call, a way on that hangs up)
    openExits[i] = graph.role[i] === 'step' && graph.decider[i] !== 'caller' && exits > 0 && connected ? exits : -1;
  }
  while (queue.length > 0) {
    const u = queue.pop()!;
    for (let p = graph.predStart[u]!; p < graph.predStart[u + 1]!; p++) {
      const s = graph.exitSource[graph.predExit[p]!]!;
      if (helped[s] || openExits[s]! <= 0) continue;
      if (--openExits[s]! === 0) {
        helped[s] = 1;
        queue.push(s);
      }
    }
  }
  return helped;
}

function findExit(graph: FlowGraph, node: number, exitId: string): number {
  for (let x = graph.exitStart[node]!; x < graph.exitStart[node + 1]!; x++) if (graph.exitId[x] === exitId) return x;
  return -1;
}

export default createRule({
  id: 'queue-hygiene',
  meta: {
    description:
      'Every queue repeats its position or wait often, sends callers it cannot hold on to a person or a follow-up, and never hangs up on a long wait (GetHuman, Ley 10/2025).',
    severity: 'off',
    messages: {
      slowUpdates:
        'Callers in queue "{{queue}}" hear their position or wait again only every {{seconds}} s or more: announce it at least every {{max}} s (announce.everySeconds).',
      fullWithoutHelp:
        'When queue "{{queue}}" is full, callers are not sent to a person or a follow-up: route on.full to another queue, a transfer, voicemail or a call back, with no menu in between.',
      timeoutWithoutHelp:
        'Callers who wait {{seconds}} s in queue "{{queue}}" are not sent to a person or a follow-up: route on.timeout to another queue, a transfer, voicemail or a call back, with no menu in between.',
      hangsUpOnWait: 'Queue "{{queue}}" hangs up on callers who have waited {{seconds}} s: route on.timeout to a person, voicemail or a call back.',
    },
    options: z.strictObject({
      /** the longest gap between two announcements of the caller's place or wait */
      maxUpdateSeconds: z.number().positive().default(180),
    }),
  },
  check({ analysis, options, report }) {
    const { graph, closing } = analysis;
    const helped = getHelpWithoutChoice(graph);
    forEachNodeOfKind(graph, 'queue', (node, nodeId, index) => {
      const queue = node.queue;
      // A queue that announces nothing is queue-wait-announcement's finding. The runtime's hold loop repeats the
      // announcement each round: the callback offer, the hold prompt, then everySeconds listening or paused
      // (runtime/twiml/queue-hold.ts). Hold music adds its own length, which only the recording knows.
      if (node.announce?.position || node.announce?.estimatedWait) {
        const round = (node.announce.everySeconds ?? DEFAULTS.queueAnnounceSeconds) + getPromptSeconds(node.callbackOffer?.prompt) + getPromptSeconds(node.hold?.prompt);
        if (round > options.maxUpdateSeconds) report({ nodeId, messageId: 'slowUpdates', data: { queue, seconds: Math.round(round), max: options.maxUpdateSeconds } });
      }
      if (node.capacity !== undefined) {
        const full = findExit(graph, index, 'on.full');
        if (full >= 0 && !(graph.exitTarget[full]! >= 0 && helped[graph.exitTarget[full]!] === 1)) {
          report({ nodeId, messageId: 'fullWithoutHelp', data: { queue }, path: getRouteThrough(analysis, full) });
        }
      }
      if (node.maxWait !== undefined) {
        const timeout = findExit(graph, index, 'on.timeout');
        const target = timeout < 0 ? -1 : graph.exitTarget[timeout]!;
        if (timeout < 0 || (target >= 0 && helped[target] === 1)) return;
        const hangsUp = target < 0 || closing[target] === 1;
        report({ nodeId, messageId: hangsUp ? 'hangsUpOnWait' : 'timeoutWithoutHelp', data: { queue, seconds: node.maxWait }, path: getRouteThrough(analysis, timeout) });
      }
    });
  },
});
