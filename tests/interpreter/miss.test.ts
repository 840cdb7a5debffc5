import { describe, expect, test } from 'vitest';
import { call, loadFlow, press, say, silence } from './helpers.ts';

// Analytics count silences and answers that matched nothing per node: the step says which it was.
describe("a step says when the caller's answer picked nothing", () => {
  const bank = loadFlow('bank');

  test('silence at a menu is noInput, on the re-prompt and on the handler route after it', () => {
    const steps = call(bank, [silence, silence]);
    expect(steps.map((step) => step.miss)).toEqual([undefined, 'noInput', 'noInput']);
    expect(steps[2]!.wait).toMatchObject({ kind: 'queue' });
  });

  test('a key or words that match no option are noMatch; a matching one is neither', () => {
    expect(call(bank, [press('7'), say('weather please'), press('2')]).map((step) => step.miss)).toEqual([undefined, 'noMatch', 'noMatch', undefined]);
  });
});
