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

/** A line's finding in entry.json whose walk goes on in brand.json. */
export const lineResult: LintResult = {
  file: 'flows/entry.json',
  flowName: 'Entry',
  findings: [
    {
      ruleId: 'human-unreachable',
      severity: 'error',
      message: 'No caller can reach a person from the start of the call',
      nodeId: 'main',
      path: {
        steps: [
          { nodeId: 'main', file: 'flows/entry.json', exit: 'press 1', exitId: 'options.0.next' },
          { nodeId: 'to-brand', file: 'flows/entry.json', exit: 'to flow brand', exitId: 'flow' },
          { nodeId: 'hours', file: 'flows/brand.json', exit: 'next', exitId: 'next' },
          { nodeId: 'bye', file: 'flows/brand.json' },
        ],
        callerSteps: 1,
        end: 'hangup',
      },
      scenario: 'best-case',
    },
  ],
  errorCount: 1,
  warningCount: 0,
  stats: { nodes: 3, worstStepsBestCase: null, worstStepsWorstCase: null, worstSecondsToHuman: null },
};
