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
    expect(result).toMatchObject({ ok: true, flow: { nodes: { desk: { kind: 'say', next: 'sorry' } } } });
    expect(result.ok && 'name' in result.flow).toBe(false);
    expect(result.ok && result.findings).toEqual([expect.objectContaining({ severity: 'error', nodeId: 'desk', message: expect.stringContaining('did not fit the flow format') })]);
  });

  it('keeps a route only from a field that holds one, not from a value that looks like a node id', () => {
    const ctx = createImportContext();
    // A request body field named "next" is data for the web service, not a transition.
    ctx.nodes.set('lookup', { kind: 'http', request: { url: 'not a url', body: { next: 'page2' } }, on: { ok: 'sorry' } } as FlowNode);
    ctx.nodes.set('sorry', { kind: 'say', prompt: 'Sorry.' });
    const result = finishImport('twilio-studio', ctx, { name: undefined, entry: 'lookup' });
    expect(result).toMatchObject({ ok: true, flow: { nodes: { lookup: { kind: 'say', next: 'sorry' } } } });
    expect(result.ok && result.findings[0]?.message).not.toContain('only goes on to');
  });
});
