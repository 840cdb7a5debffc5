import path from 'node:path';
import { formatFindingRows } from '../core/format/stylish.ts';
import { countOf } from '../core/format/words.ts';
import { detectFormat, importLine, type ExportFile } from '../core/import/index.ts';
import { toLineFlowId } from '../core/lint/line.ts';
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

/** `-o` names a folder when several files are imported, or when it ends in a slash. */
function isFolderOutput(output: string, fileCount: number): boolean {
  return fileCount > 1 || /[\\/]$/.test(output);
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
  if (positionals.length === 0) throw new UsageError('no file to import');
  if (positionals.length > 1 && values.output === undefined) {
    throw new UsageError(`importing ${positionals.length} files needs -o DIR: each flow is written as DIR/<id>.json`);
  }
  // Each flow is written as <id>.json and links name flows by that id: two files with one id would clash.
  const byFlowId = new Map<string, string>();
  for (const input of positionals) {
    const other = byFlowId.get(toLineFlowId(input));
    if (other !== undefined) throw new UsageError(`${other} and ${input} would both be flow "${toLineFlowId(input)}": rename one`);
    byFlowId.set(toLineFlowId(input), input);
  }

  const exports: ExportFile[] = [];
  const alreadyFlows = new Set<string>();
  for (const input of positionals) {
    const file = await readJsonFile(path.resolve(io.cwd, input), input);
    if (!file.ok) throw new FatalError(file.message);
    const detected = detectFormat(file.data);
    if (values.from === undefined && detected === 'humanline') alreadyFlows.add(input);
    const from = values.from ?? (detected !== undefined && isImportFormat(detected) ? detected : undefined);
    exports.push({ file: input, data: file.data, from });
  }

  let code = 0;
  for (const { file: input, flowId, result: imported } of importLine(exports)) {
    if (alreadyFlows.has(input)) {
      // a humanline flow of the run is still a flow the others may link to
      io.stderr(`humanline: ${input} is already a humanline flow; nothing to import\n`);
      code = 1;
      continue;
    }
    if (!imported.ok) {
      io.stderr(`humanline: cannot import ${input}: ${imported.message}\n`);
      code = 1;
      continue;
    }
    if (imported.findings.length > 0) {
      io.stderr(`${input} (imported from ${imported.format})\n${formatFindingRows(imported.findings).join('\n')}\n`);
    }
    const flowText = toFlowFileText(imported.flow);
    if (values.output === undefined) {
      io.stdout(flowText);
      continue;
    }
    const output = isFolderOutput(values.output, positionals.length) ? path.join(values.output, `${flowId}.json`) : values.output;
    await writeOutputFile(io.cwd, output, flowText);
    const nodeCount = Object.keys(imported.flow.nodes).length;
    const notes = imported.findings.length > 0 ? `, ${countOf(imported.findings.length, 'finding')}` : '';
    io.stderr(`humanline: wrote ${output} (${countOf(nodeCount, 'node')} from ${imported.format}${notes})\n`);
  }
  return code;
}
