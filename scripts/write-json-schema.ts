// `npm run schema`: writes the JSON Schemas of the flow format (which the shipped flows
// reference) and of the scenario format of `humanline test`.
// A build script rather than core: it writes files, and core stays free of Node.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJsonSchemaText } from '../core/schema/json-schema.ts';
import { toScenarioJsonSchemaText } from '../core/testing/scenario.ts';

const schemas: Array<[string, string]> = [
  ['../core/schema/flow.schema.json', toJsonSchemaText()],
  ['../core/testing/scenario.schema.json', toScenarioJsonSchemaText()],
];
for (const [relativePath, text] of schemas) {
  const target = fileURLToPath(new URL(relativePath, import.meta.url));
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
