import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../core/nodes/registry.ts';
import type { NodeKind } from '../../core/schema/flow.ts';
import { getNodeCategory, PALETTE_KINDS } from '../../designer/src/nodes/node-looks.ts';

describe('how node kinds look', () => {
  it('offers every kind in the palette, once', () => {
    expect([...PALETTE_KINDS].sort()).toEqual(Object.keys(NODE_KINDS).sort());
  });

  it('sets people, follow-ups, closing nodes and both kinds of decision apart, as the registry defines them', () => {
    const byCategory = (category: string) => (Object.keys(NODE_KINDS) as NodeKind[]).filter((kind) => getNodeCategory(kind) === category).sort();
    expect(byCategory('human')).toEqual(['queue', 'transfer']);
    expect(byCategory('followUp')).toEqual(['callback', 'voicemail']);
    expect(byCategory('closing')).toEqual(['hangup']);
    expect(byCategory('caller')).toEqual(['input', 'menu']);
    expect(byCategory('environment')).toEqual(['condition', 'goto', 'http']);
  });
});
