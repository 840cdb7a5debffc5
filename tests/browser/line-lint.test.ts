import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, useServedDesigner } from './harness.ts';

// The designer judges the open flow within its line, with the flows its gotos reach as the
// runtime has them: the front desk's link to bank resolves, its link to old-clinic, which the
// runtime lacks, is the one problem about links.

const FRONT_DESK = JSON.parse(readFileSync(path.join(REPO, 'tests/fixtures/browser/front-desk.json'), 'utf8')) as unknown;
const designer = useServedDesigner({ 'front-desk': FRONT_DESK });
const SHOT = path.join(os.tmpdir(), 'humanline-line-lint.png');

describe('the Problems panel of a flow that hands calls to others', { timeout: 60_000 }, () => {
  test('lists the link to a flow the runtime lacks, not the link to one it has', async () => {
    const { page, errors } = await designer.openDesigner('#flow=front-desk');
    const problems = page.getByTestId('problems');
    await expect.poll(() => problems.textContent()).toContain('"old-clinic"');
    const missing = problems.locator('li', { hasText: 'missing-target' });
    expect(await missing.count()).toBe(1);
    expect(await missing.textContent()).toContain('to_clinic');
    expect(await problems.locator('li', { hasText: 'to_bank' }).count()).toBe(0);
    expect(await problems.textContent()).not.toMatch(/checking the line/i);
    await page.screenshot({ path: SHOT });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
