import type { Flow } from '../../../core/schema/flow.ts';

/** What a new, empty flow starts as. */
export function createStarterFlow(): Flow {
  return {
    name: 'New flow',
    entry: 'greeting',
    nodes: { greeting: { kind: 'say', prompt: 'Thank you for calling.' } },
    ui: { positions: { greeting: { x: 0, y: 0 } } },
  };
}
