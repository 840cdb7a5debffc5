import path from 'node:path';
import { formatFindingRows } from '../core/format/stylish.ts';
import { countOf } from '../core/format/words.ts';
import { detectFormat, importFlow } from '../core/import/index.ts';
import { toFlowFileText } from '../core/schema/flow-file-text.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import { parseCommandArgs } from './args.ts';
import { FatalError, UsageError, type CliIo } from './io.ts';
import { writeOutputFile } from './output-file.ts';
import { getCommandUsage } from './usage.ts';

const IMPORT_FORMATS = ['twilio-studio', 'amazon-connect'] as const;
type ImportFormat = (typeof IMPORT_FORMATS)[number];

function isImportFormat(name: string): name is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(name);
}

export async function runImportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    from: { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(getCommandUsage('import'));
    return 0;
  }
  if (values.from !== undefined && !isImportFormat(values.from)) {
    throw new UsageError(`unknown --from format "${values.from}": expected ${IMPORT_FORMATS.join(' or ')}`);
  }
  const [input, ...extra] = positionals;
  if (input === undefined) throw new UsageError('no file to import');
  if (extra.length > 0) throw new UsageError(`import takes one file, got ${positionals.length}`);

  const file = await readJsonFile(path.resolve(io.cwd, input), input);
  if (!file.ok) throw new FatalError(file.message);

  const detected = detectFormat(file.data);
  if (values.from === undefined && detected === 'humanline') {
    io.stderr(`humanline: ${input} is already a humanline flow; nothing to import\n`);
    return 1;
  }
  const from = values.from ?? (detected !== undefined && isImportFormat(detected) ? detected : undefined);
  const imported = importFlow(file.data, from);
  if (!imported.ok) {
    io.stderr(`humanline: cannot import ${input}: ${imported.message}\n`);
    return 1;
  }

  if (imported.findings.length > 0) {
    io.stderr(`${input} (imported from ${imported.format})\n${formatFindingRows(imported.findings).join('\n')}\n`);
  }
  const flowText = toFlowFileText(imported.flow);
  if (values.output === undefined) {
    io.stdout(flowText);
    return 0;
  }
  await writeOutputFile(io.cwd, values.output, flowText);
  const nodeCount = Object.keys(imported.flow.nodes).length;
  const notes = imported.findings.length > 0 ? `, ${countOf(imported.findings.length, 'finding')}` : '';
  io.stderr(`humanline: wrote ${values.output} (${countOf(nodeCount, 'node')} from ${imported.format}${notes})\n`);
  return 0;
}
