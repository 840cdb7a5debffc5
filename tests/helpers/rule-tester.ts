import { describe, expect, it } from 'vitest';
import { toNodeIds } from '../../core/graph/path.ts';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import { RULES } from '../../core/lint/registry.ts';
import type { Rule } from '../../core/lint/rule.ts';
import type { Scenario } from '../../core/lint/types.ts';
import { FlowSchema, type Flow, type RuleSettings } from '../../core/schema/flow.ts';

// ESLint's RuleTester, for flows: valid and invalid flows side by side; an
// invalid case names each finding it expects by message id and node, and
// the counterexample path when the rule gives one. Message ids are compared
// as the findings carry them, and typed per rule.

export interface ValidCase {
  name: string;
  flow: Flow;
  options?: Record<string, unknown>;
  maxSteps?: number;
}

export interface ExpectedFinding<MessageIds extends string = string> {
  /** one of the rule's message ids: another fails to compile, and to run */
  messageId: MessageIds;
  nodeId?: string;
  /** node ids of the counterexample, from the entry */
  path?: string[];
  /** how the counterexample ends */
  end?: 'person' | 'followUp' | 'hangup' | 'loop' | 'open';
  scenario?: Scenario;
  severity?: 'error' | 'warning';
  /** a substring of the message, for placeholders worth checking */
  message?: string;
}

export interface InvalidCase<MessageIds extends string = string> extends ValidCase {
  errors: ExpectedFinding<MessageIds>[];
}

function runRule(rule: Rule<any>, testCase: ValidCase) {
  // Every case must be a well-formed flow: a schema error would hide the rule.
  const flow = FlowSchema.parse(testCase.flow);
  // Only the rule under test runs, at its default severity; a rule off by default, as a profile turns it on.
  const rules: RuleSettings = Object.fromEntries(RULES.map((r) => [r.id, 'off' as const]));
  const severity = rule.meta.severity === 'off' ? 'error' : rule.meta.severity;
  rules[rule.id] = testCase.options ? [severity, testCase.options] : severity;
  const { result } = lintParsedFlow(flow, { config: { rules }, ...(testCase.maxSteps ? { maxSteps: testCase.maxSteps } : {}) });
  return result.findings;
}

/** Checks that the rule reports exactly the findings the case expects, in order; throws on the first difference. */
export function checkInvalidCase<MessageIds extends string>(rule: Rule<any, MessageIds>, testCase: InvalidCase<NoInfer<MessageIds>>): void {
  if (testCase.errors.length === 0) throw new Error('an invalid case must expect at least one finding');
  for (const expected of testCase.errors) {
    if (!Object.hasOwn(rule.meta.messages, expected.messageId)) throw new Error(`unknown message id "${expected.messageId}" for rule ${rule.id}`);
  }
  const actual = runRule(rule, testCase).map((f) => ({
    messageId: f.messageId,
    nodeId: f.nodeId,
    ...(f.path ? { path: toNodeIds(f.path), end: f.path.end } : {}),
    ...(f.scenario ? { scenario: f.scenario } : {}),
    severity: f.severity,
    message: f.message,
  }));
  expect(actual).toHaveLength(testCase.errors.length);
  testCase.errors.forEach((expected, index) => {
    const got = actual[index]!;
    const { message, ...rest } = expected;
    expect(got).toMatchObject(rest);
    if (message !== undefined) expect(got.message).toContain(message);
  });
}

export function testRule<MessageIds extends string>(rule: Rule<any, MessageIds>, cases: { valid: ValidCase[]; invalid: InvalidCase<NoInfer<MessageIds>>[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        it(testCase.name, () => {
          const findings = runRule(rule, testCase);
          expect(findings.map((f) => `${f.nodeId}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name, () => checkInvalidCase(rule, testCase));
      }
    });
  });
}
