import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { getNodeDetail } from '../../designer/src/nodes/node-details.ts';
import { createNewNode } from '../../designer/src/model/new-node.ts';
import { PALETTE_KINDS } from '../../designer/src/nodes/node-looks.ts';

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;
const detail = (id: string) => getNodeDetail(bank.nodes[id]!);

describe('the detail line of a node card', () => {
  it('says what each kind of the bank line does', () => {
    expect(detail('main_menu')).toBe('keys 1 2 3 0 or speech · 5 s · 1 retry');
    expect(detail('agent_hours')).toMatch(/^open mon tue wed thu fri( sat)? · America\/New_York/);
    expect(detail('balance_lookup')).toMatch(/^(GET|POST) [a-z0-9.-]+ · \d+ s$/);
    expect(detail('fraud_transfer')).toMatch(/^dial \+\d+ · \d+ s$/);
    expect(detail('agent_queue')).toMatch(/^queue customer-service/);
    expect(detail('balance_account')).toMatch(/digits → /);
  });

  it('works for every kind as the palette makes it', () => {
    for (const kind of PALETTE_KINDS) expect(typeof getNodeDetail(createNewNode(kind)), kind).toBe('string');
    expect(getNodeDetail(createNewNode('condition'))).toBe('open mon tue wed thu fri · America/New_York');
    expect(getNodeDetail({ kind: 'condition', test: { type: 'split', percent: 20 } })).toBe('20% of calls');
    expect(getNodeDetail({ kind: 'set', assign: { vip: true, tier: 'gold' } })).toBe('vip = true, tier = "gold"');
  });
});
