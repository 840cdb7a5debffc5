import { describe, expect, it } from 'vitest';
import { createMessageFiller, fillMessage } from '../../core/lint/rule.ts';

describe('createMessageFiller', () => {
  it('fills as fillMessage does, handing back one string for the same template and data', () => {
    const fill = createMessageFiller();
    const template = 'The "{{exit}}" route leads to "{{target}}".';
    const first = fill(template, { exit: 'busy', target: 'end' });
    expect(first).toBe(fillMessage(template, { exit: 'busy', target: 'end' }));
    expect(fill(template, { exit: 'busy', target: 'end' })).toBe(first);
  });

  it('tells apart data whose texts run together alike', () => {
    const fill = createMessageFiller();
    const template = '{{a}}|{{b}}';
    expect(fill(template, { a: 'x', b: 'yz' })).toBe('x|yz');
    expect(fill(template, { a: 'xy', b: 'z' })).toBe('xy|z');
    expect(fill(template, { a: 1, b: 2 })).toBe('1|2');
  });

  it('keeps a placeholder without data as written, and a template without placeholders as it is', () => {
    const fill = createMessageFiller();
    expect(fill('{{steps}} steps, budget {{max}}', { steps: 4 })).toBe('4 steps, budget {{max}}');
    expect(fill('No placeholders.')).toBe('No placeholders.');
  });
});
