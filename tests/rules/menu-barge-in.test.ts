import { describe, expect, it } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import rule from '../../core/lint/rules/menu-barge-in.ts';
import { cleanLine, cleanLineWith, menu } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const mainMenu = menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' });

testRule(rule, {
  valid: [
    { name: 'barge-in left to its default (on)', flow: cleanLine() },
    { name: 'barge-in turned on', flow: cleanLineWith({ main: { ...mainMenu, bargeIn: true } }) },
  ],
  invalid: [
    {
      name: 'a menu that turns barge-in off',
      flow: cleanLineWith({ main: { ...mainMenu, bargeIn: false } }),
      errors: [{ messageId: 'bargeInOff', nodeId: 'main', path: ['welcome', 'main'], message: '"bargeIn": false' }],
    },
  ],
});

describe('menu-barge-in by default', () => {
  it('is off: a flow without config is not checked by it', () => {
    const { result } = lintParsedFlow(cleanLineWith({ main: { ...mainMenu, bargeIn: false } }));
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});
