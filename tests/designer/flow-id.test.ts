import { describe, expect, it } from 'vitest';
import { FLOW_ID_PATTERN as RUNTIME_PATTERN } from '../../runtime/designer-api/flow-files.ts';
import { FLOW_ID_INPUT_PATTERN, FLOW_ID_PATTERN, getFreeFlowId, toFlowId } from '../../designer/src/model/flow-id.ts';

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

describe('the id input pattern', () => {
  it('compiles with the v flag, as browsers compile pattern attributes, and accepts what the runtime accepts', () => {
    const asBrowsersDo = new RegExp(`^(?:${FLOW_ID_INPUT_PATTERN})$`, 'v');
    for (const id of ['bank', 'outage-line', 'a_b-2', 'x'.repeat(64)]) expect(asBrowsersDo.test(id), id).toBe(true);
    for (const id of ['Bank', '-bank', 'a b', 'x'.repeat(65), '']) expect(asBrowsersDo.test(id), id).toBe(false);
  });
});
