import { generateFlow } from './generate-flow.ts';
import { lintParsedFlow } from '../core/lint/linter.ts';
import { analyzeFlow } from '../core/solver/analyze.ts';
const flow = generateFlow(100000);
for (let i = 0; i < 8; i++) { const s = performance.now(); analyzeFlow(flow); const m = performance.now(); lintParsedFlow(flow); console.log((m - s).toFixed(0), (performance.now() - m).toFixed(0)); }
