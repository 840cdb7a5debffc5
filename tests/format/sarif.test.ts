import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../core/format/sarif.ts';
import { PSEUDO_RULES } from '../../core/lint/findings.ts';
import { RULES_BY_ID } from '../../core/lint/registry.ts';
import { allResults, cleanResult, lineResult } from './fixtures.ts';
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
    const located = JSON.parse(formatSarif(allResults, { locateNode: (_file, nodeId) => (nodeId === 'main' ? 7 : undefined) })) as SarifLog;
    const lines = located.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation!.region.startLine);
    expect(lines).toEqual([7, 1, 7]);
  });

  it('has an empty run for clean flows', () => {
    const clean = JSON.parse(formatSarif([cleanResult])) as SarifLog;
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.tool.driver.rules).toEqual([]);
  });
});

describe('sarif formatter: a counterexample as a code flow', () => {
  const nodeLines: Record<string, Record<string, number>> = {
    'flows/entry.json': { main: 5, 'to-brand': 12 },
    'flows/brand.json': { hours: 4, bye: 9 },
  };

  interface ThreadFlowLocation {
    location: {
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
      logicalLocations: Array<{ name: string }>;
      message?: { text: string };
    };
  }

  it('has one location per step, each in its own file at its node\'s line, with the move taken', () => {
    const log = JSON.parse(formatSarif([lineResult], { locateNode: (file, nodeId) => nodeLines[file]?.[nodeId] })) as {
      runs: Array<{ results: Array<{ locations: SarifLog['runs'][0]['results'][0]['locations']; codeFlows: Array<{ threadFlows: Array<{ locations: ThreadFlowLocation[] }> }> }> }>;
    };
    const [result] = log.runs[0]!.results;
    expect(result!.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'flows/entry.json' }, region: { startLine: 5 } });
    const steps = result!.codeFlows[0]!.threadFlows[0]!.locations.map(({ location }) => ({
      uri: location.physicalLocation.artifactLocation.uri,
      line: location.physicalLocation.region.startLine,
      node: location.logicalLocations[0]!.name,
      message: location.message?.text,
    }));
    expect(steps).toEqual([
      { uri: 'flows/entry.json', line: 5, node: 'main', message: 'press 1' },
      { uri: 'flows/entry.json', line: 12, node: 'to-brand', message: 'to flow brand' },
      { uri: 'flows/brand.json', line: 4, node: 'hours', message: 'next' },
      { uri: 'flows/brand.json', line: 9, node: 'bye', message: 'the call hangs up' },
    ]);
  });

  it('a step without a file is in the finding\'s file', () => {
    const log = JSON.parse(formatSarif(allResults)) as { runs: Array<{ results: Array<{ codeFlows?: Array<{ threadFlows: Array<{ locations: ThreadFlowLocation[] }> }> }> }> };
    const [trapped] = log.runs[0]!.results;
    const uris = trapped!.codeFlows![0]!.threadFlows[0]!.locations.map(({ location }) => location.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['flows/billing%20&%20%22late%22.json', 'flows/billing%20&%20%22late%22.json']);
  });
});
