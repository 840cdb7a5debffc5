import { describe, expect, it } from 'vitest';
import { escapeXml, formatJunit } from '../../core/format/junit.ts';
import { allResults, lineResult } from './fixtures.ts';
import { readGolden } from './golden.ts';
import { parseXml } from './xml.ts';

describe('junit formatter', () => {
  const output = formatJunit(allResults);

  it('matches the golden report', () => {
    expect(output).toBe(readGolden('junit.xml'));
  });

  it('is well-formed XML with one test case per flow', () => {
    const root = parseXml(output);
    expect(root.name).toBe('testsuites');
    const [suite] = root.children;
    expect(suite).toMatchObject({ name: 'testsuite', attributes: { name: 'humanline', tests: '3', failures: '2' } });
    const cases = suite!.children;
    expect(cases.map((testCase) => testCase.attributes.name)).toEqual([
      'flows/support.json',
      'flows/billing & "late".json',
      'tests/fixtures/broken/typo.json',
    ]);
    expect(cases[0]!.children).toEqual([]);
    const [failure, systemOut] = cases[1]!.children;
    expect(failure).toMatchObject({ name: 'failure', attributes: { type: 'silent-caller' } });
    expect(failure!.attributes.message).toBe('A caller who says nothing at "main" never reaches a person & loops');
    expect(failure!.text).toContain('path: main --no input--> main --no input--> ...');
    expect(systemOut!.name).toBe('system-out');
    expect(systemOut!.text).toContain('menu-options');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0007`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    // a lone surrogate and a non-character go; a whole astral character stays
    expect(escapeXml('a\uD800b \u{1F600} \uFFFE&')).toBe('ab \u{1F600} &amp;');
    expect(escapeXml('plain text')).toBe('plain text');
  });

  it('reports no tests for no results', () => {
    expect(parseXml(formatJunit([])).children[0]!.attributes.tests).toBe('0');
  });
});

describe('junit formatter: a counterexample crossing files', () => {
  it('names each step with its file', () => {
    expect(formatJunit([lineResult])).toContain(escapeXml('path: flows/entry.json:main --press 1--> flows/entry.json:to-brand --to flow brand--> flows/brand.json:hours --next--> flows/brand.json:bye (hang up)'));
  });
});
