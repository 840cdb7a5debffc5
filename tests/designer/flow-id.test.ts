import { describe, expect, it } from 'vitest';
import { FLOW_ID_PATTERN as RUNTIME_PATTERN } from '../../runtime/designer-api/flow-files.ts';
import { FLOW_ID_PATTERN, getFreeFlowId, toFlowId } from '../../designer/src/files/flow-id.ts';

describe('flow ids made from names', () => {
  it('makes file names the runtime accepts from what a designer types', () => {
    expect(toFlowId('Billing Line')).toBe('billing-line');
    expect(toFlowId('studio-export.JSON')).toBe('studio-export');
    expect(toFlowId('Ügyfélszolgálat – Budapest')).toBe('ugyfelszolgalat-budapest');
    expect(toFlowId('   ')).toBe('flow');
    expect(toFlowId('!!!')).toBe('flow');
    expect(toFlowId('x'.repeat(100))).toHaveLength(64);
    for (const name of ['Billing Line', 'a.json', '---x---', 'Ügyfél', '', '_lead']) expect(RUNTIME_PATTERN.test(toFlowId(name)), name).toBe(true);
  });

  it('keeps the same pattern as the runtime', () => {
    expect(FLOW_ID_PATTERN.source).toBe(RUNTIME_PATTERN.source);
  });

  it('picks the next free id instead of overwriting a flow', () => {
    expect(getFreeFlowId('bank', new Set(['clinic']))).toBe('bank');
    expect(getFreeFlowId('bank', new Set(['bank', 'bank-2']))).toBe('bank-3');
  });
});
