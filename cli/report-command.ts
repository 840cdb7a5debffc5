import path from 'node:path';
import { formatReportHtml } from '../core/format/report-html.ts';
import { formatReportJson } from '../core/format/report-json.ts';
import { createFlowLinks } from '../core/import/index.ts';
import { formatReportMarkdown } from '../core/format/report-markdown.ts';
import { toPrintable } from '../core/format/printable.ts';
import { countOf } from '../core/format/words.ts';
import { PROFILES, PROFILES_BY_ID } from '../core/profiles/index.ts';
import type { Profile } from '../core/profiles/types.ts';
import { buildComplianceReport, hasFailingRequirement, hasMissingLink, toReportSource, type ReportSource } from '../core/report/build.ts';
import type { ComplianceReport } from '../core/report/types.ts';
import { toFlowId } from '../core/schema/flow-id.ts';
import { parseCommandArgs } from './args.ts';
import { collectFlowFiles } from './collect-files.ts';
import { readFlowSources } from './flow-sources.ts';
import { createVerboseNote, UsageError, type CliIo } from './io.ts';
import { writeOutputFile } from './output-file.ts';
import { loadProjectConfigFile, toIgnoreRules } from './project-config.ts';
import { getMeasuredEvidence, toPeriod, toRuntimeUrl, type MeasuresSource } from './report-measures.ts';
import { getCommandUsage } from './usage.ts';

const REPORT_FORMATTERS = {
  markdown: formatReportMarkdown,
  html: formatReportHtml,
  json: formatReportJson,
} satisfies Record<string, (report: ComplianceReport) => string>;

type ReportFormat = keyof typeof REPORT_FORMATTERS;

const FORMAT_BY_EXTENSION: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.json': 'json', '.md': 'markdown' };

/** `--format` when given, else what `-o`'s extension says, else Markdown. */
function getReportFormat(format: string | undefined, output: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!Object.hasOwn(REPORT_FORMATTERS, format)) throw new UsageError(`unknown format "${format}": expected markdown, html or json`);
    return format as ReportFormat;
  }
  return (output === undefined ? undefined : FORMAT_BY_EXTENSION[path.extname(output).toLowerCase()]) ?? 'markdown';
}

/** `--profile` ids (`humanline:` may be left out), else the project config's `extends`, else every profile. */
function getProfiles(named: string[] | undefined, extended: readonly string[] | undefined): Profile[] {
  if (named === undefined || named.length === 0) {
    return extended && extended.length > 0 ? extended.map((id) => PROFILES_BY_ID.get(id)!) : [...PROFILES];
  }
  const profiles: Profile[] = [];
  for (const name of named) {
    const profile = PROFILES_BY_ID.get(name) ?? PROFILES_BY_ID.get(`humanline:${name}`);
    if (profile === undefined) {
      throw new UsageError(`unknown profile "${toPrintable(name)}"; known profiles: ${PROFILES.map((known) => known.id).join(', ')}`);
    }
    if (!profiles.includes(profile)) profiles.push(profile);
  }
  return profiles;
}

interface MeasuresOptions {
  data?: string | undefined;
  url?: string | undefined;
  'admin-token'?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Where the measured evidence comes from: `--data DIR`, `--url` with its admin token, or nowhere. */
function getMeasuresSource(values: MeasuresOptions, io: CliIo): MeasuresSource | null {
  if (values.data !== undefined && values.url !== undefined) throw new UsageError('--data and --url are two sources of the same measures: give one');
  if (values['admin-token'] !== undefined && values.url === undefined) throw new UsageError('--admin-token goes with --url');
  if (values.data !== undefined) return { kind: 'store', dataDir: path.resolve(io.cwd, values.data) };
  if (values.url !== undefined) {
    const url = toRuntimeUrl(values.url);
    const adminToken = values['admin-token'] ?? io.env?.HUMANLINE_ADMIN_TOKEN;
    if (adminToken === undefined || adminToken === '') throw new UsageError('--url needs the runtime\'s admin token: --admin-token T, or HUMANLINE_ADMIN_TOKEN');
    return { kind: 'runtime', url, adminToken };
  }
  if (values.from !== undefined || values.to !== undefined) throw new UsageError('--from and --to go with --data or --url');
  return null;
}

export async function runReportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    profile: { type: 'string', short: 'p', multiple: true },
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    output: { type: 'string', short: 'o' },
    data: { type: 'string' },
    url: { type: 'string' },
    'admin-token': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(getCommandUsage('report'));
    return 0;
  }
  const format = getReportFormat(values.format, values.output);
  if (positionals.length === 0) throw new UsageError('no files or folders to report on');
  const measuresSource = getMeasuresSource(values, io);
  const now = new Date();
  const period = measuresSource === null ? null : toPeriod(values.from, values.to, now);
  const configFile = await loadProjectConfigFile(values.config, io.cwd);
  const config = configFile?.config;
  const profiles = getProfiles(values.profile, config?.extends);
  const note = createVerboseNote(values.verbose, io);
  const files = await collectFlowFiles(positionals, io.cwd, { ignores: toIgnoreRules(configFile), note });
  const read = await readFlowSources(files, note);
  if (read.unreadable.length > 0) {
    for (const message of read.unreadable) io.stderr(`humanline: ${toPrintable(message)}\n`);
    return 2;
  }
  if (read.sources.length === 0) throw new UsageError(`no flow files found in ${positionals.join(', ')}`);
  // an export's links to another export reported with it become gotos to that file's flow, as in lint
  const links = createFlowLinks(read.sources.map((source) => ({ file: source.displayPath, data: source.data })));
  const sources: ReportSource[] = read.sources.map((source) => toReportSource(source.data, source.displayPath, toFlowId(path.basename(source.displayPath)), { links }));

  const measured = measuresSource === null || period === null ? undefined : await getMeasuredEvidence(measuresSource, sources.map((source) => source.flowId), period);
  const report = buildComplianceReport({
    flows: sources,
    profiles,
    generatedAt: now.toISOString(),
    ...(measured ? { measured } : {}),
    ...(config?.maxSteps !== undefined ? { maxSteps: config.maxSteps } : {}),
  });
  const text = REPORT_FORMATTERS[format](report);
  if (values.output === undefined) io.stdout(text);
  else await writeOutputFile(io.cwd, values.output, text);

  const notFlows = report.flows.filter((flow) => flow.problems.length > 0);
  for (const flow of notFlows) io.stderr(`humanline: ${toPrintable(flow.file)} is not a flow: ${toPrintable(flow.problems[0]!.message)}\n`);
  const failing = report.flows.reduce((sum, flow) => sum + flow.profiles.reduce((count, profile) => count + profile.counts.fails, 0), 0);
  if (values.output !== undefined && failing > 0) {
    // the report went to a file: say why the exit code is what it is
    io.stderr(`humanline: ${countOf(failing, 'requirement')} failed (report in ${values.output})\n`);
  }
  if (notFlows.length > 0) return 2;
  // a link out of the report leaves the line judged in part: as failing as a requirement that fails
  return hasFailingRequirement(report) || hasMissingLink(report) ? 1 : 0;
}
