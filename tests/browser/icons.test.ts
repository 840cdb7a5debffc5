import { describe, expect, test } from 'vitest';
import { useServedDesigner } from './harness.ts';

// Icons are drawn as SVG, never as characters: Debian's Chromium has no emoji
// font and drew the flow list's rename, duplicate and delete as empty boxes.

const { openDesigner } = useServedDesigner();

describe('icons in a browser', () => {
  test("the flow list's rename, duplicate and delete buttons each draw an icon, with no character to fall back on", async () => {
    const { page, errors } = await openDesigner();
    const bank = page.getByTestId('flow-list').locator('li', { hasText: 'bank' }).first();
    await bank.hover();
    for (const action of ['Rename', 'Duplicate', 'Delete']) {
      const button = bank.getByRole('button', { name: `${action} bank` });
      await expect.poll(() => button.isVisible()).toBe(true);
      expect(((await button.textContent()) ?? '').trim(), action).toBe('');
      const icon = (await button.locator('svg').boundingBox())!;
      expect(icon, action).not.toBeNull();
      expect(icon.width, action).toBeGreaterThanOrEqual(12);
      expect(icon.height, action).toBeGreaterThanOrEqual(12);
    }
    expect(errors).toEqual([]);
  });
});
