import { z } from 'zod';
import type { Path } from '../../graph/path.ts';
import type { Analysis } from '../../solver/analyze.ts';
import { getRouteThrough, getRouteWithin } from '../../solver/paths.ts';
import { walkFromEntry } from '../../solver/reachability.ts';
import { createRule } from '../rule.ts';

/** A first menu and the option of it that leads to a person, the evidence a compliance report shows. */
export interface FirstMenu {
  /** the menu's node index */
  menu: number;
  /** from the entry to the menu, through no other menu */
  route: Path;
  /** index in `options` of the first option that leads to a person (a follow-up where nobody is available), or -1; option exits come first in a menu's exits */
  humanOption: number;
  /** from the entry through that option to its target, when there is one */
  humanRoute?: Path;
}

/**
 * The menus a caller can meet first: reached from the entry before any other
 * menu, and before a person answered or a follow-up took the call.
 */
export function getFirstMenus(analysis: Analysis): FirstMenu[] {
  const { graph } = analysis;
  const isMenu = new Uint8Array(graph.ids.length);
  for (const menu of graph.byKind.menu) isMenu[menu] = 1;
  const walk = walkFromEntry(
    graph,
    (x) => graph.exitType[x] !== 'success',
    (u) => !isMenu[u] && graph.role[u] !== 'followUp',
  );
  const firstMenus: FirstMenu[] = [];
  for (const menu of walk.order) {
    if (!isMenu[menu]) continue;
    const humanExit = findHumanExit(analysis, menu);
    firstMenus.push({
      menu,
      route: getRouteWithin(analysis, walk, menu),
      humanOption: humanExit < 0 ? -1 : humanExit - graph.exitStart[menu]!,
      ...(humanExit >= 0 ? { humanRoute: getRouteThrough(analysis, humanExit) } : {}),
    });
  }
  return firstMenus;
}

/**
 * The option exit that reaches a person with no further caller step, preferring
 * one where every outcome on the way ends with a person or a follow-up (a queue
 * over a look-up that may fail); where nobody can be reached from the menu at
 * all (closed hours), a follow-up.
 */
function findHumanExit(analysis: Analysis, menu: number): number {
  const { graph, best, worst } = analysis;
  const nobodyAvailable = best.value[menu] === Infinity;
  let possible = -1;
  for (let x = graph.exitStart[menu]!; x < graph.exitStart[menu + 1]!; x++) {
    const target = graph.exitTarget[x]!;
    if (graph.exitType[x] !== 'option' || target < 0) continue;
    const guaranteed = worst.value[target] === 0;
    if (nobodyAvailable ? guaranteed : best.value[target] === 0 && guaranteed) return x;
    if (!nobodyAvailable && best.value[target] === 0 && possible < 0) possible = x;
  }
  return possible;
}

export default createRule({
  id: 'human-option-first-menu',
  meta: {
    description: 'The first menu a caller meets has an option that leads to a person with no further menu or input.',
    severity: 'off',
    acrossFlows: true,
    messages: {
      noHumanOption:
        'Menu "{{menu}}" is the first a caller meets, and none of its options leads to a person without another menu or input: add one (for example 0, "Speak to a person") that goes to a transfer or queue.',
    },
    options: z.strictObject({}),
  },
  check({ analysis, nameNode, report }) {
    for (const { menu, route, humanOption } of getFirstMenus(analysis)) {
      const nodeId = analysis.graph.ids[menu]!;
      if (humanOption < 0) report({ nodeId, messageId: 'noHumanOption', data: { menu: nameNode(menu) }, path: route });
    }
  },
});
