import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../core/format/sarif.ts';
import { PSEUDO_RULES } from '../../core/lint/findings.ts';
import { RULES_BY_ID } from '../../core/lint/registry.ts';
import { allResults, cleanResult } from './fixtures.ts';
import { readGolden } from './golden.ts';

/** The descriptions SARIF prints: the rule registry's, and the pseudo-rules'. */
const ruleDescriptions = {
  'menu-options': RULES_BY_ID.get('menu-options')!.meta.description,
  schema: PSEUDO_RULES.schema,
  'silent-caller': RULES_BY_ID.get('silent-caller')!.meta.description,
};

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; informationUri: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations?: Array<{ name: string }>;
      }>;
    }>;
  }>;
}

describe('sarif formatter', () => {
  const output = formatSarif(allResults);
  const log = JSON.parse(output) as SarifLog;

  it('matches the golden report', () => {
    expect(output).toBe(readGolden('sarif.json'));
  });

  it('is one SARIF 2.1.0 run of humanline', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver.name).toBe('humanline');
  });

  it('describes exactly the rules that fired, and results point at them', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(['menu-options', 'schema', 'silent-caller']);
    expect(run.tool.driver.rules[2]!.shortDescription.text).toBe(ruleDescriptions['silent-caller']);
    expect(run.tool.driver.rules.map((rule) => rule.shortDescription.text)).toEqual(Object.values(ruleDescriptions));
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('locates each result by file and node, with the counterexample in words', () => {
    const [error, warning] = log.runs[0]!.results;
    expect(error).toMatchObject({ ruleId: 'silent-caller', level: 'error' });
    expect(error!.message.text).toContain('main --no input--> main --no input--> ...');
    expect(error!.locations[0]!.physicalLocation!.artifactLocation.uri).toBe('flows/billing%20&%20%22late%22.json');
    expect(error!.locations[0]!.logicalLocations![0]!.name).toBe('main');
    expect(warning!.level).toBe('warning');
  });

  it('takes the line of a finding from the caller when it knows it', () => {
    const located = JSON.parse(formatSarif(allResults, { locateFinding: (_file, finding) => (finding.nodeId === 'main' ? 7 : undefined) })) as SarifLog;
    const lines = located.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation!.region.startLine);
    expect(lines).toEqual([7, 1, 7]);
  });

  it('has an empty run for clean flows', () => {
    const clean = JSON.parse(formatSarif([cleanResult])) as SarifLog;
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.tool.driver.rules).toEqual([]);
  });
});
