import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createRule, type RuleReport } from '../../core/lint/rule.ts';
import deadEnd from '../../core/lint/rules/dead-end.ts';
import { cleanLine, cleanLineWith, menu } from '../helpers/flows.ts';
import { checkInvalidCase, type InvalidCase } from '../helpers/rule-tester.ts';

// Message ids are checked twice: by the compiler (each `@ts-expect-error`
// below fails `tsc --noEmit` the day the line compiles), and by the tester
// when it runs.

const noMatchIntoHangup = cleanLineWith({ main: menu({ '1': 'info', '0': 'agent' }, { noInput: 'agent', noMatch: 'bye' }) });

/** Reports every flow once; asked to misspell, it names a message id it does not declare. */
const example = createRule({
  id: 'example',
  meta: {
    description: 'An example rule that reports every flow.',
    severity: 'warn',
    messages: { always: 'Reported on every flow.' },
    options: z.strictObject({ misspell: z.boolean().default(false) }),
  },
  check({ options, report }) {
    if (!options.misspell) return report({ messageId: 'always' });
    // @ts-expect-error 'typo' is not one of the rule's message ids
    report({ messageId: 'typo' });
  },
});

describe('typed message ids', () => {
  it('a rule may report only the message ids it declares', () => {
    expectTypeOf<Parameters<Parameters<typeof example.check>[0]['report']>[0]['messageId']>().toEqualTypeOf<'always'>();
    const reports: RuleReport[] = [];
    example.check({ flow: cleanLine(), analysis: undefined as never, options: { misspell: false }, maxSteps: 3, nameNode: String, report: (r) => reports.push(r) });
    expect(reports).toEqual([{ messageId: 'always' }]);
  });

  it('a test case may expect only the message ids of its rule', () => {
    const misspelt: InvalidCase<'unconnected' | 'intoClosing'> = {
      name: 'misspelt',
      flow: noMatchIntoHangup,
      // @ts-expect-error 'intoClosng' is not a message id of dead-end
      errors: [{ messageId: 'intoClosng', nodeId: 'main' }],
    };
    expect(() => checkInvalidCase(deadEnd, misspelt)).toThrow('unknown message id "intoClosng" for rule dead-end');
  });
});

describe('the rule tester', () => {
  it('compares the message id each finding carries', () => {
    expect(() => checkInvalidCase(deadEnd, { name: 'right', flow: noMatchIntoHangup, errors: [{ messageId: 'intoClosing', nodeId: 'main' }] })).not.toThrow();
    expect(() => checkInvalidCase(deadEnd, { name: 'wrong', flow: noMatchIntoHangup, errors: [{ messageId: 'unconnected', nodeId: 'main' }] })).toThrow(/unconnected/);
  });

  it('refuses an invalid case that expects nothing', () => {
    expect(() => checkInvalidCase(deadEnd, { name: 'empty', flow: noMatchIntoHangup, errors: [] })).toThrow('an invalid case must expect at least one finding');
  });

  it('refuses an invalid case on which the rule reports nothing', () => {
    expect(() => checkInvalidCase(deadEnd, { name: 'clean', flow: cleanLine(), errors: [{ messageId: 'intoClosing', nodeId: 'main' }] })).toThrow();
  });
});
