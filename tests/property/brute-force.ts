import { getExits, getKindSpec, type Exit } from '../../core/nodes/registry.ts';
import type { Flow } from '../../core/schema/flow.ts';

// A brute-force solver for the games of SPEC section 3, written apart from
// core/solver: the game is read off the registry (who decides, what the node
// means, which exits it has) by the words of the spec, and solved by plain
// value iteration from "unreachable everywhere" instead of Dijkstra.

export type ScenarioName = 'best' | 'worst' | 'silent' | 'confused';

export interface Move {
  /** index of the exit among the node's exits (registry order) */
  exit: number;
  /** the exit's label, for messages */
  label: string;
  /** the node it leads to; undefined when unconnected (or naming no node): the call hangs up */
  target: string | undefined;
  cost: number;
}

export interface Position {
  goal: boolean;
  /** who picks the move here: the caller minimises, the environment maximises */
  player: 'min' | 'max';
  moves: Move[];
  /** where the environment picks: moves the caller may make instead of waiting for it (a queue's callback offer) */
  callerMoves: Move[];
}

/**
 * The game of one scenario, by SPEC section 3:
 * - best: the environment is on the caller's side, everyone minimises; goal: a live
 *   person (transfer / queue); a follow-up ends the game without one (no moves);
 * - worst: the caller minimises, the environment maximises; goal: a follow-up, or a
 *   person's node that cannot fail; at a person's node the environment picks among
 *   the outcomes other than success;
 * - silent / confused: the worst case, with the caller only taking its no-input /
 *   no-match exits; where its habit fits several (a wrong key, or speech no option
 *   matches), it has no choice: any of them may happen, so the worst counts.
 * An exit the caller takes where the environment decides (the callback offer) is the
 * caller's move: in the worst case the caller takes the better of it and waiting (the
 * environment's worst outcome); a silent or confused caller never takes it.
 * A step (cost 1) is each move out of a caller-decides node.
 */
export function deriveGame(flow: Flow, scenario: ScenarioName): Map<string, Position> {
  const positions = new Map<string, Position>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    const { decider, role } = getKindSpec(node);
    const exits = getExits(node);
    const cost = decider === 'caller' ? 1 : 0;
    const toMove = (e: Exit): Move => ({
      exit: exits.indexOf(e),
      label: e.label,
      target: e.target !== undefined && e.target in flow.nodes ? e.target : undefined,
      cost,
    });
    if (scenario === 'best') {
      positions.set(id, { goal: role === 'human', player: 'min', moves: role === 'followUp' ? [] : exits.map(toMove), callerMoves: [] });
      continue;
    }
    const fixed = scenario === 'silent' ? 'noInput' : scenario === 'confused' ? 'noMatch' : undefined;
    const outcomes = exits.filter((e) => !e.byCaller);
    const allowed = outcomes.filter((e) => e.type !== 'success' && (decider !== 'caller' || fixed === undefined || e.type === fixed));
    const callerMoves = fixed === undefined ? exits.filter((e) => e.byCaller).map(toMove) : [];
    const goal = role === 'followUp' || (role === 'human' && outcomes.every((e) => e.type === 'success'));
    positions.set(id, { goal, player: decider === 'caller' && fixed === undefined ? 'min' : 'max', moves: allowed.map(toMove), callerMoves });
  }
  return positions;
}

/** Value iteration: v = 0 at goals, min / max of cost + v(target) elsewhere, a move to no node worth Infinity. */
export function solveByIteration(game: Map<string, Position>): Map<string, number> {
  let value = new Map<string, number>();
  for (const [id, p] of game) value.set(id, p.goal ? 0 : Infinity);
  const rounds = game.size + 2;
  for (let round = 0; round < rounds; round++) {
    const next = new Map<string, number>();
    let changed = false;
    for (const [id, p] of game) {
      let v: number;
      if (p.goal) v = 0;
      else {
        const worthOf = (m: Move) => m.cost + (m.target === undefined ? Infinity : value.get(m.target)!);
        const worth = p.moves.map(worthOf);
        // No move at all: the call ends here without the goal (a hang-up, a follow-up in the best case).
        v = worth.length === 0 ? Infinity : p.player === 'min' ? Math.min(...worth) : Math.max(...worth);
        v = Math.min(v, ...p.callerMoves.map(worthOf));
      }
      if (v !== value.get(id)) changed = true;
      next.set(id, v);
    }
    value = next;
    if (!changed) return value;
  }
  throw new Error(`value iteration did not settle in ${rounds} rounds`);
}

export function bruteForce(flow: Flow, scenario: ScenarioName): Map<string, number> {
  return solveByIteration(deriveGame(flow, scenario));
}
