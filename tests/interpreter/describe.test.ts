import { describe, expect, it } from 'vitest';
import { describeWait, isFinal } from '../../core/interpreter/index.ts';
import type { Wait } from '../../core/interpreter/types.ts';
import { last, loadFlow, press } from './helpers.ts';

// One line per wait, for the runtime's logs and the simulator's status bar.

describe('describeWait', () => {
  const lines: Array<[Wait, string]> = [
    [{ kind: 'input', nodeId: 'main', mode: 'menu', prompt: [], timeout: 5, bargeIn: true, numDigits: 1 }, 'main: waiting for a key (5 s)'],
    [{ kind: 'input', nodeId: 'acct', mode: 'digits', prompt: [], timeout: 8, bargeIn: true, numDigits: 10, finishOnKey: '#' }, 'acct: waiting for 10 digits ending with # (8 s)'],
    [{ kind: 'input', nodeId: 'survey', mode: 'survey', prompt: [], timeout: 5, bargeIn: true }, 'survey: waiting for a survey score 1-5 (5 s)'],
    [{ kind: 'lookup', nodeId: 'look', url: 'https://api.example/x', method: 'GET', headers: {}, timeout: 5 }, 'look: looking up GET https://api.example/x (5 s)'],
    [{ kind: 'dial', nodeId: 'agent', to: { sip: 'sip:desk@example.com' }, timeout: 30, whisper: '' }, 'agent: dialling sip:desk@example.com (30 s)'],
    [{ kind: 'record', nodeId: 'vm', maxLength: 120, transcribe: false }, 'vm: recording a message (up to 120 s)'],
    [{ kind: 'callbackNumber', nodeId: 'cb', confirmNumber: true, callerNumber: '+15550001111' }, "cb: taking a call-back number (caller's +15550001111)"],
    [{ kind: 'end', reason: 'hangup' }, 'call ended'],
    [{ kind: 'end', reason: 'unconnected' }, 'call ended: the flow had no route here'],
  ];
  for (const [wait, line] of lines) it(`${wait.kind}: ${line}`, () => expect(describeWait(wait)).toBe(line));

  it('a queue names its offer', () => {
    expect(describeWait(last(loadFlow('bank'), [press('0')]).wait)).toBe('agent_queue: holding in queue customer-service, press 1 for a call back');
  });

  it('isFinal holds only for the end', () => {
    const bank = loadFlow('bank');
    expect(isFinal(last(bank, []))).toBe(false);
    expect(isFinal(last(bank, [press('2'), press('1'), { type: 'dial', outcome: 'answered' }, press('5')]))).toBe(true);
  });
});
