import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlow } from '../../core/import/index.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import { loadFixture } from './helpers.ts';

const FIXTURES = readdirSync(new URL('../fixtures/import/', import.meta.url)).filter((name) => name.endsWith('.json'));

describe('an export imported only to be linted (canvas: false)', () => {
  it.each(FIXTURES)('%s: the same flow and findings, without the canvas positions', (name) => {
    const data = loadFixture(name);
    const full = importFlow(data);
    const linted = importFlow(data, undefined, { canvas: false });
    if (!full.ok) {
      expect(linted).toEqual(full);
      return;
    }
    expect(linted.ok).toBe(true);
    if (!linted.ok) return;
    const { ui, ...withoutUi } = full.flow;
    expect(linted.flow).toEqual(withoutUi);
    expect(linted.findings).toEqual(full.findings);
    expect(lintSource(data, { file: name }, { canvas: false }).result).toEqual(lintSource(data, { file: name }).result);
    if (ui !== undefined) expect(linted.flow).not.toHaveProperty('ui');
  });

  it('covers positions the importer makes itself: the links of a condition chain', () => {
    const imported = importFlow(loadFixture('studio-odd.json'));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const made = Object.keys(imported.flow.ui?.positions ?? {}).filter((id) => /\.\d+$/.test(id));
    expect(made.length).toBeGreaterThan(0);
  });
});
