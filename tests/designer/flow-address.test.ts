import { describe, expect, it } from 'vitest';
import { readFlowAddress, toFlowAddress } from '../../designer/src/model/flow-address.ts';

describe('the flow address in the hash', () => {
  it('names a flow, and a node of it when one is given', () => {
    expect(toFlowAddress('bank')).toBe('#flow=bank');
    expect(toFlowAddress('bank', 'main_menu')).toBe('#flow=bank&node=main_menu');
    expect(readFlowAddress('#flow=bank&node=main_menu')).toEqual({ flowId: 'bank', nodeId: 'main_menu' });
  });

  it('reads what it leaves out, or leaves empty, as null', () => {
    expect(readFlowAddress('')).toEqual({ flowId: null, nodeId: null });
    expect(readFlowAddress('#flow=&node=')).toEqual({ flowId: null, nodeId: null });
    expect(readFlowAddress('#flow=clinic')).toEqual({ flowId: 'clinic', nodeId: null });
  });
});
