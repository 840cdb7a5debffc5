// Help texts. Each command lists its synopsis, summary and options here; the
// general usage is built from all of them, so a new command (serve) adds one entry.

export interface CommandHelp {
  synopsis: string;
  summary: string;
  options: Array<[flags: string, description: string]>;
}

export const COMMAND_HELP = {
  lint: {
    synopsis: 'lint <files or folders...>',
    summary: 'Check flow files (humanline, Twilio Studio or Amazon Connect exports) and folders of them',
    options: [
      ['--max-steps N', 'Step budget: a person is never more than N caller steps away (default 3)'],
      ['-f, --format NAME', 'Report format: stylish (default), json, sarif or junit'],
      ['-c, --config FILE', 'Project config (default: humanline.config.json in the current folder)'],
      ['--max-warnings N', 'Exit with 1 when there are more than N warnings'],
      ['-o, --output FILE', 'Write the report to FILE instead of standard output'],
      ['--verbose', 'Name on standard error the files of a folder that were skipped, and why (not a flow; matched by the config\'s "ignores")'],
    ],
  },
  diff: {
    synopsis: 'diff <old> <new>',
    summary: 'Show what changes for callers between two versions of a flow: routes, steps to a person, findings, the verdict (exit 1 when the new version has errors the old had not)',
    options: [
      ['-f, --format NAME', 'Report format: stylish (default), json or markdown (a pull-request comment)'],
      ['-c, --config FILE', 'Project config (default: humanline.config.json in the current folder)'],
      ['--max-steps N', 'Step budget both versions are checked against (default: each flow\'s own, else 3)'],
    ],
  },
  import: {
    synopsis: 'import <file>...',
    summary: 'Convert Twilio Studio or Amazon Connect exports to humanline flows; links between the files become gotos',
    options: [
      ['--from FORMAT', 'twilio-studio or amazon-connect (default: detected from each file)'],
      ['-o, --output FILE|DIR/', 'Write the flow to FILE (default: standard output); with several files, or a path ending in /, write each as DIR/<id>.json'],
    ],
  },
  serve: {
    synopsis: 'serve',
    summary: 'Answer Twilio Voice webhooks with the flows of a folder (runtime; stops on Ctrl-C)',
    options: [
      ['--flows DIR', 'Folder of flow files to serve (default: HUMANLINE_FLOWS or ./flows)'],
      ['--port N', 'Port to listen on (default: PORT or 3000)'],
      ['--host H', 'Address to listen on (default: HOST or 127.0.0.1)'],
    ],
  },
  test: {
    synopsis: 'test <files or folders...> | test --generate <flow> -o <folder>',
    summary: 'Run scripted caller scenarios (*.test.yaml, *.test.yml, *.test.json) on the flows they name, offline or against a running runtime (exit 1 when one fails); or write a suite that takes every exit of a flow',
    options: [
      ['-f, --format NAME', 'Report format: stylish (default), json or junit'],
      ['-o, --output FILE', 'Write the report to FILE instead of standard output (with --generate: the folder for <flowId>.generated.test.yaml)'],
      ['--coverage', 'Report, per flow, the nodes and exits the scenarios walked and list those none walked (stylish and json)'],
      ['--min-coverage P', 'Exit 1 when the scenarios walk less than P % (0 to 100) of a flow\'s exits reachable from its entry; implies --coverage'],
      ['--url URL', 'Run them end to end against a running humanline serve, over signed webhooks (the server needs HUMANLINE_TEST_CALLS=on for scenarios that set the clock, look-ups, draws, agents or queues, or assert where the call went)'],
      ['--auth-token T', 'With --url: the server\'s TWILIO_AUTH_TOKEN (default: HUMANLINE_AUTH_TOKEN or TWILIO_AUTH_TOKEN)'],
      ['--public-url URL', 'With --url: the server\'s PUBLIC_BASE_URL, what webhooks are signed for, when it is not --url (default: PUBLIC_BASE_URL, else --url)'],
      ['--generate FLOW', 'Write one scenario per generated walk of FLOW (every key, no input, no match, environment outcome; the silent and the confused caller)'],
      ['--force', 'With --generate: overwrite a file humanline did not generate'],
      ['--verbose', 'Name on standard error the scenario files of a folder that humanline.config.json\'s "ignores" skipped'],
    ],
  },
  report: {
    synopsis: 'report <files or folders...>',
    summary: 'Judge flows against compliance profiles (GetHuman, Spain\'s Ley 10/2025, California\'s AB 1609 draft): per requirement, holds, fails or cannot be checked, with the evidence (exit 1 when a requirement fails)',
    options: [
      ['-p, --profile ID', 'A profile to judge against, e.g. humanline:gethuman (repeatable; default: the project config\'s "extends", else every profile)'],
      ['-f, --format NAME', 'markdown, html (one self-contained file that prints to PDF) or json (default: from -o\'s extension, else markdown)'],
      ['-c, --config FILE', 'Project config (default: humanline.config.json in the current folder)'],
      ['-o, --output FILE', 'Write the report to FILE instead of standard output'],
      ['--data DIR', 'Add the measured evidence of the calls in the store humanline serve keeps in DIR (its HUMANLINE_DATA_DIR, default ./data)'],
      ['--url URL', 'Add the measured evidence from a running humanline serve at URL (instead of --data)'],
      ['--admin-token T', 'With --url: the runtime\'s admin token (default: HUMANLINE_ADMIN_TOKEN, which keeps it out of shell history)'],
      ['--from DATE, --to DATE', 'The measured period, ISO dates or times (default: the 30 days to now; at most 366 days)'],
      ['--verbose', 'Name on standard error the files of a folder that were skipped, and why (not a flow; matched by the config\'s "ignores")'],
    ],
  },
  simulate: {
    synopsis: 'simulate <flow> --calls N',
    summary: 'Place simulated calls (a mix of callers and outcomes) through the runtime\'s signed webhooks, to fill the call list and dashboard',
    options: [
      ['--calls N', 'How many calls to place (1 to 100000)'],
      ['--url URL', 'Send them to a running humanline serve (signed with TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL); default: an in-process runtime over the store serve reads'],
      ['--days N', 'In-process only: spread the calls over the last N days (default 7, at most 90)'],
      ['--concurrency N', 'Calls in progress at once (default 8, at most 64)'],
      ['--seed N', 'Repeat the same callers and outcomes (default: a random seed, printed)'],
      ['--flows DIR', 'Folder of flow files (default: HUMANLINE_FLOWS or ./flows)'],
    ],
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMAND_HELP;

const GENERAL_OPTIONS: CommandHelp['options'] = [
  ['-h, --help', 'Show this help (after a command: the help of that command)'],
  ['--version', 'Show the version'],
];

const EXIT_CODES = 'Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or fatal error.';

function formatOptionRows(rows: CommandHelp['options']): string[] {
  const width = Math.max(...rows.map(([flags]) => flags.length));
  return rows.map(([flags, description]) => `  ${flags.padEnd(width)}  ${description}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `humanline --help`. */
export function getUsage(): string {
  const entries = Object.entries(COMMAND_HELP) as Array<[CommandName, CommandHelp]>;
  const synopsisWidth = Math.max(...entries.map(([, help]) => help.synopsis.length));
  const lines = [
    'Usage: humanline <command> [options]',
    '',
    'Proves that no caller of a phone menu is trapped, dropped or kept from a person.',
    '',
    'Commands:',
    ...entries.map(([, help]) => `  ${help.synopsis.padEnd(synopsisWidth)}  ${help.summary}`),
  ];
  for (const [name, help] of entries) lines.push('', `${capitalize(name)} options:`, ...formatOptionRows(help.options));
  lines.push('', 'Options:', ...formatOptionRows(GENERAL_OPTIONS), '', EXIT_CODES);
  return `${lines.join('\n')}\n`;
}

/** `humanline <command> --help`. */
export function getCommandUsage(name: CommandName): string {
  const help: CommandHelp = COMMAND_HELP[name];
  const lines = [
    `Usage: humanline ${help.synopsis} [options]`,
    '',
    `${help.summary}.`,
    '',
    'Options:',
    ...formatOptionRows([...help.options, ['-h, --help', 'Show this help']]),
    '',
    EXIT_CODES,
  ];
  return `${lines.join('\n')}\n`;
}
