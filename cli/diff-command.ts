import path from 'node:path';
import { diffFlows, hasNewErrors } from '../core/diff/diff-flows.ts';
import { DIFF_FORMATTERS, isDiffFormatName } from '../core/diff/format.ts';
import { toPrintable } from '../core/format/printable.ts';
import { toFirstIssueText } from '../core/schema/issue-text.ts';
import { parseFlow } from '../core/schema/parse.ts';
import type { Flow } from '../core/schema/flow.ts';
import { readJsonFile } from '../runtime/flows/read-json-file.ts';
import { parseCommandArgs, parseCount } from './args.ts';
import { FatalError, UsageError, type CliIo } from './io.ts';
import { loadProjectConfig } from './project-config.ts';
import { getCommandUsage } from './usage.ts';

/** A flow file read and parsed; anything else stops the command with one line naming the file. */
async function readFlowFile(cwd: string, displayPath: string): Promise<Flow> {
  const file = await readJsonFile(path.resolve(cwd, displayPath), displayPath);
  // file names come from the command line, messages may quote the file: printed as text
  if (!file.ok) throw new FatalError(toPrintable(file.message));
  const parsed = parseFlow(file.data);
  if (!parsed.ok) throw new FatalError(toPrintable(`${displayPath}: not a humanline flow: ${toFirstIssueText(parsed.issues)}`));
  return parsed.flow;
}

export async function runDiffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    'max-steps': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(getCommandUsage('diff'));
    return 0;
  }
  const formatName = values.format ?? 'stylish';
  if (!isDiffFormatName(formatName)) throw new UsageError(`unknown format "${formatName}": expected stylish, json or markdown`);
  if (positionals.length !== 2) throw new UsageError(`expected two flow files, the old and the new version; got ${positionals.length}`);
  const maxSteps = values['max-steps'] === undefined ? undefined : parseCount(values['max-steps'], '--max-steps', 1, 50);
  const [beforeName, afterName] = positionals as [string, string];

  const config = await loadProjectConfig(values.config, io.cwd);
  const before = await readFlowFile(io.cwd, beforeName);
  const after = await readFlowFile(io.cwd, afterName);
  const diff = diffFlows(before, after, { config, maxSteps });
  io.stdout(
    DIFF_FORMATTERS[formatName](diff, {
      beforeName,
      afterName,
      color: formatName === 'stylish' && io.isTTY === true && !io.env?.NO_COLOR,
    }),
  );
  return hasNewErrors(diff) ? 1 : 0;
}
