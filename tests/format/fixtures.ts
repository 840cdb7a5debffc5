import type { LintResult } from '../../core/lint/types.ts';

// Hand-built lint results that every formatter's golden file is made from:
// a clean flow, a flow with an error (with its counterexample) and a warning,
// and a file that failed the schema.

export const cleanResult: LintResult = {
  file: 'flows/support.json',
  flowName: 'Support line',
  findings: [],
  errorCount: 0,
  warningCount: 0,
  stats: { nodes: 4, worstStepsBestCase: 1, worstStepsWorstCase: 1, worstSecondsToHuman: 14 },
};

export const trappedResult: LintResult = {
  file: 'flows/billing & "late".json',
  flowName: 'Billing <after hours>',
  findings: [
    {
      ruleId: 'silent-caller',
      messageId: 'silentLoop',
      severity: 'error',
      message: 'A caller who says nothing at "main" never reaches a person & loops',
      nodeId: 'main',
      path: {
        steps: [
          { nodeId: 'main', exit: 'no input', exitId: 'noInput.next' },
          { nodeId: 'main', exit: 'no input', exitId: 'noInput.next' },
        ],
        callerSteps: 2,
        end: 'loop',
      },
      scenario: 'silent-caller',
    },
    {
      ruleId: 'menu-options',
      messageId: 'tooManyOptions',
      severity: 'warning',
      message: 'Menu "billing" has 6 options; callers remember 4 to 5',
      nodeId: 'billing',
    },
  ],
  errorCount: 1,
  warningCount: 1,
  stats: { nodes: 7, worstStepsBestCase: 2, worstStepsWorstCase: null, worstSecondsToHuman: null },
};

export const brokenResult: LintResult = {
  file: 'tests/fixtures/broken/typo.json',
  findings: [
    {
      ruleId: 'schema',
      severity: 'error',
      message: 'unknown field "nxt" (check the spelling)',
      nodeId: 'main',
      jsonPath: 'nodes.main.options.0',
    },
  ],
  errorCount: 1,
  warningCount: 0,
  stats: null,
};

export const allResults: LintResult[] = [cleanResult, trappedResult, brokenResult];
