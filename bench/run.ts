// `npm run bench`: prints figures and ratios against baselines measured in the same run.
import { benchLint } from './lint.ts';

benchLint();
