import { describe, expect, it } from 'vitest';
import type { CallDetail } from '../../core/designer-api/types.ts';
import { toCallLinkedFlows } from '../../designer/src/model/call-flows.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';
import { makeFlow, menu, transfer, voicemail } from '../helpers/flows.ts';

// A recorded call's canvas judges the version it ran within the line the call ran in.

const shop = makeFlow('main_menu', {
  main_menu: menu({ '1': 'to_brand', '0': 'agent' }, { fallback: 'agent' }),
  to_brand: { kind: 'goto', flow: 'brand', on: { failed: 'agent' } },
  agent: transfer({ onFailure: 'vm' }),
  vm: voicemail(),
});
/** the brand as the call ran it: a menu before its desk */
const brandAsRun = makeFlow('main_menu', {
  main_menu: menu({ '0': 'agent' }, { fallback: 'agent' }),
  agent: transfer({ onFailure: 'vm' }),
  vm: voicemail(),
});

const detailOf = (linkedFlows: CallDetail['linkedFlows']): Pick<CallDetail, 'call' | 'linkedFlows'> =>
  ({ call: { flowId: 'shop', versionId: 's1' } as CallDetail['call'], linkedFlows });

describe('the line of a recorded call', () => {
  it('holds each linked flow at the version the call ran, and the call\'s own flow under its id', () => {
    const linked = toCallLinkedFlows(shop, detailOf([{ flowId: 'brand', versionId: 'b3', flow: brandAsRun }]));
    expect([...linked.keys()]).toEqual(['brand', 'shop']);
    expect(linked.get('brand')).toEqual(brandAsRun);
    expect(linked.get('shop')).toBe(shop);
  });

  it('leaves out a version no longer stored, so the runtime\'s flow of that id can stand in', () => {
    expect([...toCallLinkedFlows(shop, detailOf([{ flowId: 'brand', versionId: 'b3', flow: null }])).keys()]).toEqual(['shop']);
  });

  it('gives the goto on the call\'s canvas its steps through the brand it ran, not "no limit known"', () => {
    expect(createDesignerStore({ flow: shop }).getState().steps.to_brand?.worst).toBeNull();
    const store = createDesignerStore({ flow: shop, linkedFlows: toCallLinkedFlows(shop, detailOf([{ flowId: 'brand', versionId: 'b3', flow: brandAsRun }])) });
    expect(store.getState().steps.to_brand).toMatchObject({ best: 0, worst: 1 });
    expect(store.getState().unloadedLinks).toEqual([]);
  });
});
