import { Document, isMap, isSeq } from 'yaml';
import type { Scenario } from '../core/testing/scenario.ts';

// Scenario files as people read them: one scenario after another, each step
// on one line (`- press: "1"`, `- expect: { prompt: { contains: "..." } }`).
// The generated suites of `humanline test --generate` and the designer's
// "Save as test" both write them here.

export interface ScenarioFileHeader {
  /** the JSON Schema for editors, as a path from the file (the `yaml-language-server` comment) */
  schemaPath: string;
  /** comment lines after it, without their `#` */
  comments: string[];
}

/** The text of a scenario file: one scenario at its top, or several under `scenarios:`. */
export function toScenarioFileText(content: Scenario | { scenarios: Scenario[] }, header: ScenarioFileHeader): string {
  const document = new Document(content);
  const scenarioNodes = 'scenarios' in content ? document.get('scenarios') : undefined;
  const scenarios = isSeq(scenarioNodes) ? scenarioNodes.items : [document.contents];
  for (const scenario of scenarios) {
    const steps = isMap(scenario) ? scenario.get('steps') : undefined;
    for (const step of isSeq(steps) ? steps.items : []) {
      // Each step on one line: its value (a map for expect and reaches) is written inline.
      if (isMap(step)) for (const pair of step.items) if (isMap(pair.value)) pair.value.flow = true;
    }
  }
  const lines = [`# yaml-language-server: $schema=${header.schemaPath}`, ...header.comments.map((comment) => `# ${comment}`)];
  const body = document.toString({ lineWidth: 0, flowCollectionPadding: true, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  // A blank line between scenarios, as in the shipped files.
  return `${lines.join('\n')}\n${body.replace(/(?<!scenarios:)\n(  - name: )/g, '\n\n$1')}`;
}
