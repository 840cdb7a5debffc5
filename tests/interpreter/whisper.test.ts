import { describe, expect, it } from 'vitest';
import { continueCall } from '../../core/interpreter/index.ts';
import { copyCallState } from '../../core/interpreter/state.ts';
import { getWhisper } from '../../core/interpreter/whisper.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { hangup, input, makeFlow, menu, transfer } from '../helpers/flows.ts';
import { call, expectWait, press, runOptions } from './helpers.ts';

// The agent hears what the caller entered, however many menus the caller went through since.

const MENUS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];

/** An account number, then seven menus one after the other, then a person. */
const longLine = FlowSchema.parse(
  makeFlow(
    'account',
    {
      account: { ...input('m1', { noInput: 'agent', invalid: 'agent' }), label: 'Account number' },
      ...Object.fromEntries(MENUS.map((id, index) => [id, { ...menu({ '1': MENUS[index + 1] ?? 'agent' }, { fallback: 'agent' }), label: `Menu ${index + 1}` }])),
      agent: transfer({ answered: 'bye', onFailure: 'bye' }),
      bye: hangup(),
    },
    { settings: { maxSteps: 10 } },
  ),
);

const ACCOUNT = '12345678';

describe('the whisper on a long call', () => {
  const steps = call(longLine, [press(ACCOUNT), ...MENUS.map(() => press('1'))]);
  const reached = steps.at(-1)!;

  it('still names the account number entered before seven menu choices', () => {
    const wait = expectWait(reached, 'dial', 'agent');
    expect(wait.whisper).toContain(`entered account number ${ACCOUNT}`);
    expect(wait.whisper).toContain('Menu 7 press 1');
  });

  it('keeps the entry across the store: a state read back gives the same whisper', () => {
    const stored = copyCallState(longLine, JSON.parse(JSON.stringify(reached.state)));
    expect(getWhisper(stored)).toBe(getWhisper(reached.state));
  });

  it('loads a state stored before entries were kept, whispering its latest choices', () => {
    const { inputs: _dropped, ...before } = steps[3]!.state;
    const loaded = copyCallState(longLine, JSON.parse(JSON.stringify(before)));
    expect(getWhisper(loaded)).toBe(`Caller chose: entered account number ${ACCOUNT}; Menu 1 press 1; Menu 2 press 1`);
    const next = continueCall(longLine, loaded, press('1'), runOptions());
    expect(next.state.visits.m4).toBe(1);
    expect(getWhisper(next.state)).toContain('Menu 3 press 1');
  });
});
