import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { formatWeeklyHours, getNodeDetail } from '../../designer/src/nodes/node-details.ts';
import { createNewNode } from '../../designer/src/model/new-node.ts';
import { PALETTE_KINDS } from '../../designer/src/nodes/node-looks.ts';

const bank = JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')) as Flow;
const detail = (id: string) => getNodeDetail(bank.nodes[id]!);

describe('the detail line of a node card', () => {
  it('says what each kind of the bank line does', () => {
    expect(detail('main_menu')).toBe('keys 1 2 3 0 or speech · 5 s · 1 retry');
    expect(detail('agent_hours')).toBe('Mon–Fri 08:00–20:00, Sat 09:00–14:00 · America/New_York · 11 holidays');
    expect(detail('balance_lookup')).toMatch(/^(GET|POST) [a-z0-9.-]+ · \d+ s$/);
    expect(detail('fraud_transfer')).toMatch(/^dial \+\d+ · \d+ s$/);
    expect(detail('agent_queue')).toMatch(/^queue customer-service/);
    expect(detail('balance_account')).toMatch(/digits → /);
  });

  it('writes opening hours as a person does: days in a row with the same hours together', () => {
    expect(formatWeeklyHours({ mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] })).toBe('Mon–Fri 08:00–17:00');
    expect(formatWeeklyHours({ mon: [['08:00', '12:00'], ['13:00', '17:00']], wed: [['08:00', '12:00'], ['13:00', '17:00']], sun: [['10:00', '11:00']] })).toBe(
      'Mon 08:00–12:00 & 13:00–17:00, Wed 08:00–12:00 & 13:00–17:00, Sun 10:00–11:00',
    );
    const always: [string, string][] = [['00:00', '24:00']];
    expect(formatWeeklyHours({ mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always })).toBe('daily 00:00–24:00');
    expect(formatWeeklyHours({})).toBe('closed all week');
  });

  it('works for every kind as the palette makes it', () => {
    for (const kind of PALETTE_KINDS) expect(typeof getNodeDetail(createNewNode(kind)), kind).toBe('string');
    expect(getNodeDetail(createNewNode('condition'))).toBe('Mon–Fri 09:00–17:00 · America/New_York');
    expect(getNodeDetail({ kind: 'condition', test: { type: 'split', percent: 20 } })).toBe('20% of calls');
    expect(getNodeDetail({ kind: 'set', assign: { vip: true, tier: 'gold' } })).toBe('vip = true, tier = "gold"');
  });
});
