// `npm run schema`: writes core/schema/flow.schema.json, which the shipped flows reference.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJsonSchemaText } from './json-schema.ts';

const target = fileURLToPath(new URL('./flow.schema.json', import.meta.url));
writeFileSync(target, toJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
