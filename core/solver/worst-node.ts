import type { Analysis, SolvedGame } from './analyze.ts';

/** The checked, non-closing node with the largest finite value in `game` (the first met on a tie); undefined when none is finite. */
export function getWorstNode(analysis: Analysis, game: SolvedGame): number | undefined {
  let worst: number | undefined;
  for (const node of analysis.checked.order) {
    if (analysis.closing[node]) continue;
    const value = game.value[node]!;
    if (value !== Infinity && (worst === undefined || value > game.value[worst]!)) worst = node;
  }
  return worst;
}
