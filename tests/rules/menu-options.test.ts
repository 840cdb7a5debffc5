import rule from '../../core/lint/rules/menu-options.ts';
import { makeFlow, menu, transfer, voicemail } from '../helpers/flows.ts';
import { testRule } from '../helpers/rule-tester.ts';

const KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

/** A menu with `count` options, all to the agent. */
const lineWithOptions = (count: number) =>
  makeFlow('main', {
    main: menu(Object.fromEntries(KEYS.slice(0, count).map((key) => [key, 'agent'])), { fallback: 'agent' }),
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
  });

testRule(rule, {
  valid: [
    { name: 'five options', flow: lineWithOptions(5) },
    { name: 'one option', flow: lineWithOptions(1) },
    { name: 'eight options with a raised limit', flow: lineWithOptions(8), options: { warnAbove: 8 } },
  ],
  invalid: [
    {
      name: 'six options is a warning',
      flow: lineWithOptions(6),
      errors: [{ messageId: 'tooManyOptions', nodeId: 'main', severity: 'warning', message: '6 options, more than 5' }],
    },
    {
      name: 'nine options is still only a warning',
      flow: lineWithOptions(9),
      errors: [{ messageId: 'tooManyOptions', nodeId: 'main', severity: 'warning' }],
    },
    {
      name: 'ten options is an error',
      flow: lineWithOptions(10),
      errors: [{ messageId: 'tooManyOptions', nodeId: 'main', severity: 'error', message: '10 options, more than 9' }],
    },
    {
      name: 'limits from the options',
      flow: lineWithOptions(4),
      options: { warnAbove: 2, errorAbove: 3 },
      errors: [{ messageId: 'tooManyOptions', nodeId: 'main', severity: 'error' }],
    },
  ],
});
