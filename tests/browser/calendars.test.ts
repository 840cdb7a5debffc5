import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { clickEmptyCanvas, useServedDesigner } from './harness.ts';

// Shared business hours as Connect's Hours of Operation: a calendar set up
// once in the flow's settings, an hours check pointed at it, undo taking it back.

const { openDesigner } = useServedDesigner();
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-calendars-'));

const card = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function selectNode(page: Page, id: string) {
  // right after opening, the card may not be drawn yet: a click then would select nothing
  await card(page, id).waitFor();
  await page.evaluate((nodeId) => {
    // a click on the card, wherever fit put it on screen
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }, id);
  await expect.poll(() => page.getByTestId('inspector').getByLabel('Node id').inputValue()).toBe(id);
}

async function exportFlow(page: Page): Promise<Record<string, any>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8'));
}

describe('business hours', { timeout: 90_000 }, () => {
  test('a calendar made in the flow settings, copied to weekdays and named by an hours check shows on its card, exports, and undoes', async () => {
    const { page, errors } = await openDesigner();
    const inspector = page.getByTestId('inspector');
    const hours = inspector.getByRole('region', { name: 'Business hours' });

    await hours.getByLabel('New business hours name').fill('Clinic hours');
    await hours.getByRole('button', { name: 'Add business hours' }).click();
    const calendar = hours.getByTestId('calendar-clinic_hours');
    await calendar.waitFor();
    await calendar.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Amsterdam');
    await calendar.getByRole('button', { name: 'Add hours on Monday' }).click();
    await calendar.getByLabel('Monday opens').fill('08:00');
    await calendar.getByLabel('Monday closes').fill('17:00');
    await calendar.getByRole('button', { name: 'Copy Monday to weekdays' }).click();
    await expect.poll(() => calendar.getByLabel('Friday closes').inputValue()).toBe('17:00');
    expect(await calendar.getByLabel('Saturday opens').count()).toBe(0);
    await calendar.getByRole('button', { name: 'Add holiday' }).click();
    await calendar.getByLabel('Holiday 1 date').fill('2026-12-25');
    await calendar.getByLabel('Holiday 1 name').fill('Christmas');
    await calendar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'calendar-editor.png') });

    await selectNode(page, 'agent_hours');
    await expect.poll(() => card(page, 'agent_hours').textContent()).not.toContain('08:00–17:00');
    await inspector.getByLabel('Opening hours from').selectOption({ label: 'Use business hours: Clinic hours' });
    await expect.poll(() => card(page, 'agent_hours').textContent()).toContain('Mon–Fri 08:00–17:00');
    expect(await card(page, 'agent_hours').textContent()).toContain('Europe/Amsterdam');
    await page.screenshot({ path: path.join(SHOTS, 'hours-check-uses-calendar.png') });

    const exported = await exportFlow(page);
    const day = [['08:00', '17:00']];
    expect(exported.calendars).toEqual({
      clinic_hours: { name: 'Clinic hours', timezone: 'Europe/Amsterdam', weekly: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: [{ date: '2026-12-25', name: 'Christmas' }] },
    });
    expect(exported.nodes.agent_hours.test).toEqual({ type: 'hours', calendar: 'clinic_hours' });

    // undo takes the hours check back to its own hours, then the holiday's date and name (typed: one entry), then the holiday
    await clickEmptyCanvas(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => card(page, 'agent_hours').textContent()).not.toContain('Mon–Fri 08:00–17:00');
    const restored = inspector.getByTestId('calendar-clinic_hours');
    await page.keyboard.press('Control+z');
    await expect.poll(() => restored.getByLabel('Holiday 1 name').inputValue()).toBe('');
    await page.keyboard.press('Control+z');
    await expect.poll(() => restored.getByLabel('Holiday 1 date').count()).toBe(0);
    expect(await restored.getByLabel('Friday closes').inputValue()).toBe('17:00');
    await page.keyboard.press('Control+z');
    await expect.poll(() => restored.getByLabel('Friday closes').count()).toBe(0);
    expect(await restored.getByLabel('Monday closes').inputValue()).toBe('17:00');
    expect(errors).toEqual([]);
  });

  test("an hours check's own hours move into a shared calendar, which cannot be removed while used", async () => {
    const { page, errors } = await openDesigner();
    const inspector = page.getByTestId('inspector');
    await selectNode(page, 'agent_hours');
    const own = await card(page, 'agent_hours').textContent();
    await inspector.getByRole('button', { name: 'Move these hours into a shared calendar' }).click();
    await expect.poll(() => inspector.getByLabel('Opening hours from').inputValue()).toBe('customer_service_open_hours');
    await expect.poll(() => card(page, 'agent_hours').textContent()).toContain('Customer service open hours');
    // the same hours, now read from the calendar
    expect(own).toContain('America/New_York');
    expect(await card(page, 'agent_hours').textContent()).toContain('America/New_York');

    await clickEmptyCanvas(page);
    const calendar = inspector.getByTestId('calendar-customer_service_open_hours');
    await calendar.getByRole('button', { name: /^Remove / }).last().click();
    await expect.poll(() => calendar.getByRole('alert').textContent()).toContain('is used by "agent_hours"');
    await calendar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'remove-refused.png') });
    expect(await calendar.count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
