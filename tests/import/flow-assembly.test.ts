import { describe, expect, it } from 'vitest';
import { finishImport } from '../../core/import/flow-assembly.ts';
import { createImportContext } from '../../core/import/import-context.ts';
import type { FlowNode } from '../../core/schema/flow.ts';

describe('finishImport', () => {
  it('replaces a node the schema refuses by a placeholder that keeps its first route, and reports it', () => {
    const ctx = createImportContext();
    ctx.nodes.set('desk', { kind: 'transfer', to: { number: 'not a number' }, on: { failed: 'sorry', busy: 'other' } } as FlowNode);
    ctx.nodes.set('sorry', { kind: 'say', prompt: 'Sorry.' });
    const result = finishImport('twilio-studio', ctx, { name: undefined, entry: 'desk' });
    expect(result).toMatchObject({ ok: true, flow: { name: 'Imported flow', nodes: { desk: { kind: 'say', next: 'sorry' } } } });
    expect(result.ok && result.findings).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'desk', message: expect.stringContaining('did not fit the flow format') })]);
  });
});
