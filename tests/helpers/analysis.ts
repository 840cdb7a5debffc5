import type { SolvedGame } from '../../core/solver/analyze.ts';
import { analyzeFlow } from '../../core/solver/analyze.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';

/** Analyses a hand-built flow (checked against the schema first) and reads values by node id. */
export function analyze(flow: Flow) {
  const analysis = analyzeFlow(FlowSchema.parse(flow));
  const valuesOf = (game: SolvedGame) =>
    Object.fromEntries(analysis.graph.ids.map((id, index) => [id, game.value[index]]));
  return {
    analysis,
    best: valuesOf(analysis.best),
    worst: valuesOf(analysis.worst),
    silent: valuesOf(analysis.silent),
    confused: valuesOf(analysis.confused),
    seconds: valuesOf(analysis.seconds),
    closing: analysis.graph.ids.filter((_, index) => analysis.closing[index]),
    checked: Array.from(analysis.checked.order, (index) => analysis.graph.ids[index]),
    traps: analysis.traps.map((cycle) => cycle.map((index) => analysis.graph.ids[index]).sort()),
  };
}
