import { describe, expect, it } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import rule from '../../core/lint/rules/dtmf-reachability.ts';
import type { NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLine, hangup, input, makeFlow, menu, say, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const speechLine = (options: NodeOfKind<'menu'>['options']) =>
  makeFlow('welcome', {
    welcome: say('main', 'Welcome.'),
    main: { ...menu({}, { fallback: 'agent' }), options, speech: { language: 'en-US' } },
    billing: say('agent', 'Billing.'),
    sub: menu({ '1': 'billing', '0': 'agent' }, { fallback: 'agent' }),
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
    bye: hangup(),
  });

const speechOnlyBilling = speechLine([
  { phrases: ['billing', 'pay a bill'], next: 'billing' },
  { key: '0', phrases: ['agent'], next: 'agent' },
]);

testRule(rule, {
  valid: [
    { name: 'keys only', flow: cleanLine() },
    {
      name: 'speech no option matches goes where a key goes too',
      flow: makeFlow('welcome', { ...speechOnlyBilling.nodes, main: { ...menu({ '1': 'billing', '0': 'agent' }, { fallback: 'agent' }), speech: { next: 'billing' } } }),
    },
    {
      name: 'an input\'s speech route goes where keys go too',
      flow: makeFlow('welcome', {
        ...speechOnlyBilling.nodes,
        main: menu({ '1': 'account', '2': 'billing', '0': 'agent' }, { fallback: 'agent' }),
        account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), speech: { next: 'billing' } },
      }),
    },
    {
      name: 'every spoken option has a key',
      flow: speechLine([
        { key: '1', phrases: ['billing'], next: 'billing' },
        { key: '0', phrases: ['agent'], next: 'agent' },
      ]),
    },
    {
      name: 'a spoken-only synonym of a node that a key also reaches',
      flow: speechLine([
        { key: '1', phrases: ['billing'], next: 'billing' },
        { phrases: ['pay a bill'], next: 'billing' },
        { key: '0', phrases: ['agent'], next: 'agent' },
      ]),
    },
  ],
  invalid: [
    {
      name: 'billing is reached only by speaking the answer at an input',
      flow: makeFlow('welcome', {
        ...speechOnlyBilling.nodes,
        main: menu({ '1': 'account', '0': 'agent' }, { fallback: 'agent' }),
        account: { ...input('agent', { noInput: 'agent', invalid: 'agent' }), speech: { next: 'billing' } },
      }),
      errors: [{ messageId: 'speechOnlyAnswer', nodeId: 'account', path: ['welcome', 'main', 'account'], message: '"billing"' }],
    },
    {
      name: 'billing is reached only by speech no option matches',
      flow: makeFlow('welcome', { ...speechOnlyBilling.nodes, main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), speech: { next: 'billing' } } }),
      errors: [{ messageId: 'speechOnlyRoute', nodeId: 'main', path: ['welcome', 'main'], message: '"billing"' }],
    },
    {
      name: 'billing can only be reached by speaking',
      flow: speechOnlyBilling,
      errors: [{ messageId: 'speechOnlyFunction', nodeId: 'main', path: ['welcome', 'main'], message: '"billing"' }],
    },
    {
      name: 'a whole branch behind a spoken-only option is reported once, at its door',
      flow: speechLine([
        { phrases: ['billing'], next: 'sub' },
        { key: '0', phrases: ['agent'], next: 'agent' },
      ]),
      errors: [{ messageId: 'speechOnlyFunction', nodeId: 'main', path: ['welcome', 'main'], message: '"sub"' }],
    },
  ],
});

describe('dtmf-reachability by default', () => {
  it('is off: a flow without config is not checked by it', () => {
    const { result } = lintParsedFlow(speechOnlyBilling);
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});
