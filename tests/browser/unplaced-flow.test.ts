import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { useServedDesigner } from './harness.ts';

// A flow written by hand has no `ui.positions`: it opens laid out, every card
// on its own, and opening it is not an unsaved edit.

const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-unplaced-'));

const HANDWRITTEN = {
  name: 'Written by hand',
  entry: 'main_menu',
  nodes: {
    main_menu: {
      kind: 'menu',
      prompt: 'For sales, press 1. For an agent, press 0.',
      options: [
        { key: '1', next: 'sales' },
        { key: '0', next: 'agent' },
      ],
      noInput: { next: 'agent' },
      noMatch: { next: 'agent' },
    },
    sales: { kind: 'transfer', to: { number: '+34910000002' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    agent: { kind: 'transfer', to: { number: '+34910000001' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
};

const { name: _name, ...NAMELESS } = HANDWRITTEN;

const { openDesigner } = useServedDesigner({ handwritten: HANDWRITTEN, nameless: NAMELESS });

describe('a flow file that places no node', { timeout: 60_000 }, () => {
  test('opens laid out, the entry on top and no card on another, with nothing unsaved', async () => {
    const { page, errors } = await openDesigner('#flow=handwritten');
    const cards = page.locator('.react-flow__node');
    await expect.poll(() => cards.count()).toBe(4);
    const boxes = await Promise.all(
      ['main_menu', 'sales', 'agent', 'vm'].map(async (nodeId) => ({ nodeId, box: (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox())! })),
    );
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const { nodeId: a, box: p } = boxes[i]!;
        const { nodeId: b, box: q } = boxes[j]!;
        const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
        expect(overlap, `${a} covers ${b}`).toBe(false);
      }
    }
    const entryTop = boxes[0]!.box.y;
    for (const { nodeId, box } of boxes.slice(1)) expect(box.y, nodeId).toBeGreaterThan(entryTop);
    expect(await page.locator('.hl-flow-id').textContent()).toBe('handwritten.json');
    await page.screenshot({ path: path.join(SHOTS, 'unplaced-flow.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  test('without a name, goes by its id in the flow list and the header, and opens clean', async () => {
    const { page, errors } = await openDesigner('#flow=nameless');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    const header = page.getByLabel('Flow name', { exact: true });
    expect(await header.inputValue()).toBe('');
    expect(await header.getAttribute('placeholder')).toBe('nameless');
    // the flow's own settings, with no node selected, say the same
    const settingsName = page.getByRole('region', { name: 'Flow settings' }).locator('input[name="name"]');
    expect(await settingsName.inputValue()).toBe('');
    expect(await settingsName.getAttribute('placeholder')).toBe('nameless');
    await expect.poll(() => page.locator('.hl-file-name').allTextContents()).toContain('nameless');
    await expect.poll(() => page.getByTestId('verdict').textContent()).not.toMatch(/schema|name/i);
    await page.screenshot({ path: path.join(SHOTS, 'nameless-flow.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
