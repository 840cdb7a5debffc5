import { addConditionChain } from './condition-chain.ts';
import type { ImportContext } from './import-context.ts';

/** One way out of a source widget or action the importer does not know. */
export interface SourceOutcome {
  /** the source's name for it: an event, a condition, an error type */
  label: string;
  target: string | undefined;
}

/**
 * Stands in for a widget or action the importer cannot map, keeping every way out of it so
 * nothing routed through it is lost: a `say` when there is one way on, else a chain of
 * conditions on the outcome (the environment picks it, as the source's run time did).
 */
export function addOutcomePlaceholder(ctx: ImportContext, id: string, source: string, outcomes: SourceOutcome[], label?: string): void {
  const extras = { ...(label !== undefined ? { label } : {}), description: `Placeholder for ${source}` };
  const distinct = new Set(outcomes.map((outcome) => outcome.target));
  const only = outcomes[0];
  if (outcomes.length <= 1 || (distinct.size === 1 && only !== undefined)) {
    ctx.nodes.set(id, { kind: 'say', ...extras, prompt: `(${source} not imported)`, ...(only?.target !== undefined ? { next: only.target } : {}) });
    return;
  }
  const variable = `${id}.outcome`;
  const branches = outcomes.slice(0, -1).map((outcome) => ({
    tests: [{ test: { type: 'variable' as const, variable, op: 'eq' as const, value: outcome.label } }],
    target: outcome.target,
  }));
  addConditionChain(ctx, id, branches, outcomes.at(-1)?.target, { ...extras, emptyTest: { type: 'variable', variable, op: 'exists' } });
}
