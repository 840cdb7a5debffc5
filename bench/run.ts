// `npm run bench`: prints figures and ratios against baselines measured in the same run.
import { benchAnalytics } from './analytics.ts';
import { benchCli } from './cli.ts';
import { benchDesignerBrowser } from './designer-browser.ts';
import { benchDesigner, benchLayout } from './designer.ts';
import { benchImport } from './import.ts';
import { benchLint } from './lint.ts';
import { benchRuntime } from './runtime.ts';
import { benchTest } from './test.ts';

const only = process.argv[2];
if (only === undefined || only === 'lint') benchLint();
if (only === undefined || only === 'designer') {
  benchDesigner();
  benchLayout();
  await benchDesignerBrowser();
}
if (only === undefined || only === 'runtime') await benchRuntime();
if (only === undefined || only === 'import') benchImport();
if (only === undefined || only === 'cli') benchCli();
if (only === undefined || only === 'analytics') await benchAnalytics();
if (only === undefined || only === 'test') benchTest();
