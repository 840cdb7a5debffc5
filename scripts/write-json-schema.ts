// `npm run schema`: writes core/schema/flow.schema.json, which the shipped flows reference.
// A build script rather than core: it writes files, and core stays free of Node.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJsonSchemaText } from '../core/schema/json-schema.ts';

const target = fileURLToPath(new URL('../core/schema/flow.schema.json', import.meta.url));
writeFileSync(target, toJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
