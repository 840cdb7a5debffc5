import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { runScenario } from '../../core/testing/run-scenario.ts';
import { parseScenarioFile } from '../../core/testing/scenario.ts';
import { SCREENSHOTS, useServedDesigner } from './harness.ts';

// Record to test: a call made on the simulated phone is saved as a scenario
// file in the tests folder (HUMANLINE_TESTS, here its default under the
// served temp folder), the file passes `humanline test`'s engine, and a
// scenario edited to fail opens in the simulator stopped at the failing step.

const designer = useServedDesigner();
const SHOTS = mkdtempSync(path.join(os.tmpdir(), 'humanline-record-'));
const FILE = 'bank-balance-then-goodbye.test.yaml';

const testsDir = () => path.join(path.dirname(designer.served.flowsDir), 'tests', 'scenarios');
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"] .hl-node`);

async function press(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.getByTestId('simulator').getByRole('button', { name: `key ${key}`, exact: true }).click();
}

async function saveAs(page: Page, name: string): Promise<void> {
  const simulator = page.getByTestId('simulator');
  await simulator.getByRole('button', { name: 'Save as test' }).click();
  await simulator.getByLabel('Test name').fill(name);
  await simulator.getByRole('button', { name: 'Save', exact: true }).click();
}

describe('record to test', () => {
  test('a balance call saved as a test passes; edited to fail, it opens stopped at the failing step with what was heard', async () => {
    const { page, errors } = await designer.openDesigner();
    const simulator = page.getByTestId('simulator');
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await simulator.getByLabel('Time').fill('2026-06-01T12:00');
    await simulator.getByRole('button', { name: 'Start call', exact: true }).click();
    await press(page, '1');
    await press(page, '1234567890');
    await simulator.getByRole('button', { name: 'Look-up ok' }).click();
    await press(page, '9');
    await expect.poll(() => simulator.getByTestId('sim-status').textContent()).toContain('Hung up');

    await simulator.getByRole('button', { name: 'Save as test' }).click();
    // the name is prefilled from the path the call took
    expect(await simulator.getByLabel('Test name').inputValue()).toBe('press 1, press 1234567890, press 9 to goodbye');
    await simulator.getByLabel('Test name').fill('Balance then goodbye');
    await simulator.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => simulator.getByTestId('sim-test-note').textContent()).toBe(`Saved as ${FILE}`);

    const file = path.join(testsDir(), FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    const parsed = parseScenarioFile(parse(text));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [scenario] = parsed.scenarios;
    expect(scenario!.flow).toBe('../../flows/bank.json');
    expect(scenario!.environment).toMatchObject({ at: '2026-06-01T12:00:00-04:00', lookups: { balance_lookup: 'ok' } });
    const flow = JSON.parse(readFileSync(path.resolve(testsDir(), scenario!.flow), 'utf8')) as Flow;
    expect(runScenario(scenario!, flow)).toMatchObject({ passed: true });

    // saving again under the same name asks first; declined, the file stays as it was
    page.once('dialog', (dialog) => void dialog.dismiss());
    await saveAs(page, 'Balance then goodbye');
    await expect.poll(() => simulator.getByTestId('sim-test-note').textContent()).toMatch(/^Not saved: a test file bank-balance-then-goodbye\.test\.yaml exists already/);
    expect(readFileSync(file, 'utf8')).toBe(text);

    // the test as saved replays whole and says so
    await page.reload();
    await page.getByTestId('verdict').waitFor();
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await simulator.getByRole('button', { name: 'Balance then goodbye' }).click();
    await expect.poll(() => simulator.getByTestId('sim-test-note').textContent()).toMatch(/^Balance then goodbye — Passed: all \d+ steps$/);

    // edited so the account number prompt is expected to talk of a PIN: step 3 fails
    writeFileSync(file, text.replace('Please enter your ten-digit account number', 'Please enter your PIN'));
    await page.reload();
    await page.getByTestId('verdict').waitFor();
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await simulator.getByRole('button', { name: 'Balance then goodbye' }).click();
    const note = simulator.getByTestId('sim-test-note');
    await expect.poll(() => note.textContent()).toMatch(/^Balance then goodbye — Step 3: expected a prompt with "Please enter your PIN"; heard "Please enter your ten-digit account number/);
    // the phone stopped where the failing step was checked: at the account number, after pressing 1
    await expect.poll(() => node(page, 'balance_account').getAttribute('class')).toMatch(/is-simulated/);
    expect(await node(page, 'balance_lookup').getAttribute('class')).not.toMatch(/is-simulated/);
    expect(await page.getByTestId('sim-transcript').textContent()).toContain('Pressed 1');
    await page.screenshot({ path: path.join(SHOTS, 'record-test-failing.png') });
    expect(existsSync(path.join(SHOTS, 'record-test-failing.png'))).toBe(true);
    expect(await simulator.getByTestId('sim-tests-title').textContent()).toBe('1 test of this flow');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'record-test.png') });
    // the save form at both laptop sizes: the prefilled name reads whole, Save and Cancel sit side by side
    await simulator.getByRole('button', { name: 'Save as test' }).click();
    const nameBox = simulator.getByLabel('Test name');
    for (const [width, height] of [[1440, 900], [1280, 720]] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: path.join(SHOTS, `record-test-${width}x${height}.png`) });
      expect(await nameBox.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
      const [save, cancel] = await Promise.all(['Save', 'Cancel'].map((name) => simulator.getByRole('button', { name, exact: true }).boundingBox()));
      expect(Math.abs(save!.y - cancel!.y)).toBeLessThan(2);
    }
    // the one refusal asked for: the 409 of the second save
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
