import { describe, expect, it } from 'vitest';
import { renameNode, setEntry, updateFlowFields, updateNode } from '../../designer/src/model/flow-edits.ts';
import { edited, refusal } from './edit-results.ts';
import { hangup, makeFlow, say } from '../helpers/flows.ts';

// The inspector's edits answer as the canvas gestures do: the new flow, or a
// refusal with its reason and the words the designer sees.

const line = () => makeFlow('start', { start: say('bye'), bye: hangup() });

describe('flow edits', () => {
  it('refuse with a reason, the node, and the first schema problem as `path: message`', () => {
    expect(refusal(renameNode(line(), 'start', 'bye'))).toMatchObject({ reason: 'taken-id', nodeId: 'start', error: 'A node "bye" already exists.' });
    expect(refusal(renameNode(line(), 'start', '9 lives'))).toMatchObject({ reason: 'invalid-id', error: expect.stringMatching(/^"9 lives" is not a valid node id: \S/) });
    expect(refusal(setEntry(line(), 'ghost'))).toMatchObject({ reason: 'unknown-node', nodeId: 'ghost' });
    expect(refusal(updateNode(line(), 'start', { next: 42 }))).toMatchObject({ reason: 'invalid-value', nodeId: 'start', error: expect.stringMatching(/^Cannot change "start": next: \S/) });
    expect(refusal(updateFlowFields(line(), { settings: { maxSteps: 99 } })).error).toMatch(/^Cannot change the flow: settings\.maxSteps: \S/);
    expect(refusal(updateFlowFields(line(), { nodes: {} })).reason).toBe('unknown-field');
  });

  it('answer the flow itself for an edit that changes nothing', () => {
    const flow = line();
    expect(edited(setEntry(flow, 'start'))).toBe(flow);
    expect(edited(renameNode(flow, 'bye', 'bye'))).toBe(flow);
  });
});
