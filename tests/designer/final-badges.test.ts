import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';

// "No person" from a goodbye, a post-call survey or a voicemail is what those
// nodes are for; from a dead end it is a fault. The badge tells them apart.

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;

describe('badges of nodes where the call only ends or takes a message', () => {
  it('marks hang-ups, what only leads to one, and follow-ups as final; nodes before a person are not', () => {
    const steps = createDesignerStore({ flowId: 'bank', flow: bank }).getState().steps;
    for (const id of ['goodbye', 'post_call_survey']) expect(steps[id], id).toMatchObject({ best: null, worst: null, final: true });
    expect(steps.closed_voicemail).toMatchObject({ best: null, final: true });
    for (const id of ['greeting', 'main_menu', 'agent_queue']) expect(steps[id]!.final, id).toBeUndefined();
  });

  it('does not mark a dead end final: a say whose next is unconnected is a fault', () => {
    const broken = structuredClone(bank);
    const greeting = broken.nodes.greeting as { next?: string };
    delete greeting.next;
    const steps = createDesignerStore({ flowId: 'bank', flow: broken }).getState().steps;
    expect(steps.greeting).toEqual({ best: null, worst: null });
  });
});
