import { describe, expect, it } from 'vitest';
import { continueCall, describeWait, isFinal } from '../../core/interpreter/index.ts';
import { BANK_CLOSED, call, CALLER, expectWait, heard, last, loadFlow, press, promptOf, runOptions, say, silence } from './helpers.ts';

// Whole calls through the shipped bank line, as a caller meets them.

const bank = loadFlow('bank');
const ACCOUNT = '1234567890';

describe('a call to the bank line', () => {
  it('greets the caller, then waits at the main menu for a key or a phrase', () => {
    const [start] = call(bank, []);
    expect(heard(start!.speech)).toEqual(['Thank you for calling Acme Bank. This call may be recorded for quality and training.']);
    expect(start!.speech[0]).toMatchObject({ type: 'say', language: 'en-US', voice: 'Polly.Joanna-Neural' });
    const wait = expectWait(start!, 'input', 'main_menu');
    expect(wait).toMatchObject({ mode: 'menu', timeout: 5, numDigits: 1, bargeIn: true });
    expect(heard(wait.prompt)[0]).toMatch(/^For your account balance, press 1/);
    expect(wait.speech?.language).toBe('en-US');
    // The menu's hints, then every option phrase not among them.
    expect(wait.speech?.hints).toEqual(expect.arrayContaining(['balance', 'lost card', 'check my balance', 'customer service']));
    expect(start!.state).toMatchObject({ seq: 1, steps: 1, visits: { main_menu: 1 }, reached: 'none', language: 'en-US' });
    expect(describeWait(start!.wait)).toBe('main_menu: waiting for a key or speech (5 s)');
  });

  it('press 0 reaches the agent queue, whispering the menu choice to the agent', () => {
    const step = last(bank, [press('0')]);
    expect(heard(step.speech)).toEqual(['Please hold for the next available agent.']);
    const wait = expectWait(step, 'queue', 'agent_queue');
    expect(wait.whisper).toBe('Caller chose: Main menu press 0 (Agent)');
    expect(wait).toMatchObject({ queue: 'customer-service', announce: { position: true, estimatedWait: true, everySeconds: 60 }, callbackOffer: { key: '1' } });
    expect(step.path).toEqual(['agent_hours', 'agent_queue']);
    const answered = continueCall(bank, step.state, { type: 'queue', outcome: 'answered' }, runOptions());
    expect(answered.state.reached).toBe('person');
    expectWait(answered, 'input', 'post_call_survey');
  });

  it('a lost card said in words reaches the card team dial, whose whisper names both choices', () => {
    const step = last(bank, [press('2'), say('I lost my card')]);
    const wait = expectWait(step, 'dial', 'fraud_transfer');
    expect(wait).toMatchObject({ to: { number: '+12125550147' }, timeout: 25 });
    expect(wait.whisper).toBe('Caller chose: Main menu press 2 (Cards); Cards said "lost" (Lost or stolen card)');
    expect(heard(step.speech)).toEqual(['Connecting you to our 24-hour card protection team.']);
    expect(step.state.steps).toBe(2);
  });

  it('the longest phrase said wins, case and punctuation aside', () => {
    const step = last(bank, [say('Um, STOLEN CARD please!')]);
    expect(step.state.trail).toEqual(['Main menu: said "stolen card" (Cards)']);
    expectWait(step, 'input', 'cards_menu');
  });

  it('a silent caller hears the menu twice (one re-prompt with the apology first), then goes to an agent', () => {
    const steps = call(bank, [silence, silence]);
    const reprompt = expectWait(steps[1]!, 'input', 'main_menu');
    expect(heard(reprompt.prompt)[0]).toBe("Sorry, I didn't hear anything.");
    expect(reprompt.prompt).toHaveLength(2);
    expect(steps[1]!.speech).toEqual([]);
    expect(steps[1]!.state).toMatchObject({ seq: 2, steps: 1, attempts: { noInput: 1, noMatch: 0 } });
    expectWait(steps[2]!, 'queue', 'agent_queue');
    expect(steps[2]!.state.steps).toBe(1); // re-prompts cost time, not steps
  });

  it('wrong keys are no match: two re-prompts with their apology, then the agent', () => {
    const steps = call(bank, [press('7'), press('*'), press('8')]);
    for (const step of steps.slice(1, 3)) expect(promptOf(step)[0]).toBe("Sorry, I didn't catch that.");
    expect(steps[2]!.state.attempts).toEqual({ noInput: 0, noMatch: 2 });
    expectWait(steps[3]!, 'queue', 'agent_queue');
  });

  it('silence and no match count apart', () => {
    const steps = call(bank, [press('7'), silence, say('pizza')]);
    expect(steps[2]!.state.attempts).toEqual({ noInput: 1, noMatch: 1 });
    expectWait(steps[3]!, 'input', 'main_menu');
    expect(steps[3]!.state.attempts).toEqual({ noInput: 1, noMatch: 2 });
  });

  describe('the balance self-service', () => {
    const toLookup = [press('1'), press(`${ACCOUNT}#`)];

    it('collects ten digits, then looks the balance up with them and the calling number', () => {
      const steps = call(bank, toLookup);
      expect(expectWait(steps[1]!, 'input', 'balance_account')).toMatchObject({ mode: 'digits', numDigits: 10, finishOnKey: '#', timeout: 8 });
      const lookup = expectWait(steps[2]!, 'lookup', 'balance_lookup');
      expect(lookup).toEqual({
        kind: 'lookup',
        nodeId: 'balance_lookup',
        url: 'https://api.acmebank.example/ivr/v1/balance',
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: { accountNumber: ACCOUNT, callerNumber: CALLER.from },
        timeout: 4,
      });
      expect(steps[2]!.state.variables.accountNumber).toBe(ACCOUNT);
      expect(steps[2]!.state.trail).toEqual(['Main menu: press 1 (Balance)', `entered account number ${ACCOUNT}`]);
    });

    it('reads the balance from the look-up data when it succeeds', () => {
      const step = last(bank, [...toLookup, { type: 'lookup', outcome: 'ok', data: { lastFour: '7890', availableBalance: 1523.75 } }]);
      expect(heard(step.speech)).toEqual(['The available balance on your account ending in 7890 is 1523.75 dollars.']);
      expect(step.state.variables).toMatchObject({ 'account.lastFour': '7890', 'account.availableBalance': 1523.75 });
      expectWait(step, 'input', 'balance_menu');
    });

    for (const outcome of ['failed', 'timeout'] as const) {
      it(`apologises and goes to an agent, whispering the account number, when the look-up ${outcome === 'failed' ? 'fails' : 'times out'}`, () => {
        const step = last(bank, [...toLookup, { type: 'lookup', outcome }]);
        expect(heard(step.speech)).toEqual(["Sorry, I can't look up your balance right now. Let me get you to an agent.", 'Please hold for the next available agent.']);
        const wait = expectWait(step, 'queue', 'agent_queue');
        expect(wait.whisper).toBe(`Caller chose: Main menu press 1 (Balance); entered account number ${ACCOUNT}`);
      });
    }

    it('refuses a short account number, re-prompting twice, then goes to an agent', () => {
      const steps = call(bank, [press('1'), press('12345'), press('abc'), press('123456789012')]);
      expect(promptOf(steps[2]!)[0]).toBe("That doesn't look like an Acme Bank account number.");
      expectWait(steps[3]!, 'input', 'balance_account');
      expectWait(steps[4]!, 'queue', 'agent_queue');
      expect(steps[4]!.state.variables.accountNumber).toBeUndefined();
    });

    it('press 9 after the balance ends the call with the goodbye', () => {
      const step = last(bank, [...toLookup, { type: 'lookup', outcome: 'ok', data: {} }, press('9')]);
      expect(step.wait).toEqual({ kind: 'end', reason: 'hangup' });
      expect(heard(step.speech)).toEqual(['Thank you for banking with Acme Bank. Goodbye.']);
      expect(step.state.at).toBeUndefined();
      expect(isFinal(step)).toBe(true);
    });
  });

  it('a busy card team sends the caller to its queue, a full queue to a call back on the calling number', () => {
    const busy = last(bank, [press('2'), press('1'), { type: 'dial', outcome: 'busy' }]);
    expectWait(busy, 'queue', 'fraud_queue');
    const full = continueCall(bank, busy.state, { type: 'queue', outcome: 'full' }, runOptions());
    const wait = expectWait(full, 'callbackNumber', 'fraud_callback');
    expect(wait).toEqual({ kind: 'callbackNumber', nodeId: 'fraud_callback', confirmNumber: true, callerNumber: CALLER.from });
    const booked = continueCall(bank, full.state, { type: 'callbackNumber' }, runOptions());
    expect(booked.state.reached).toBe('followUp');
    expect(booked.state.variables.callbackNumber).toBe(CALLER.from);
    expect(booked.wait).toEqual({ kind: 'end', reason: 'hangup' });
  });

  it('pressing the offer key while on hold books a call back', () => {
    const step = last(bank, [press('0'), press('1'), { type: 'callbackNumber', number: '+15550009999' }]);
    expect(step.state.variables.callbackNumber).toBe('+15550009999');
    expect(step.state.reached).toBe('followUp');
  });

  it('after an answered agent call the survey stores a 1-5 score; silence goes on at once, an invalid key is asked again once', () => {
    const toSurvey = [press('2'), press('1'), { type: 'dial', outcome: 'answered' } as const];
    const survey = last(bank, toSurvey);
    expect(survey.state.reached).toBe('person');
    expect(expectWait(survey, 'input', 'post_call_survey')).toMatchObject({ mode: 'survey', numDigits: 1, rates: '+12125550147' });
    const scored = last(bank, [...toSurvey, press('4')]);
    expect(scored.state.variables.surveyScore).toBe(4);
    expect(scored.wait).toEqual({ kind: 'end', reason: 'hangup' });
    const silent = last(bank, [...toSurvey, silence]);
    expect(silent.state.variables.surveyScore).toBeUndefined();
    expect(silent.wait).toEqual({ kind: 'end', reason: 'hangup' });
    const reasked = last(bank, [...toSurvey, press('9')]);
    expect(expectWait(reasked, 'input', 'post_call_survey')).toMatchObject({ mode: 'survey', rates: '+12125550147' });
    expect(last(bank, [...toSurvey, press('9'), press('3')]).state.variables.surveyScore).toBe(3);
    const twice = last(bank, [...toSurvey, press('9'), press('9')]);
    expect(twice.state.variables.surveyScore).toBeUndefined();
    expect(twice.wait).toEqual({ kind: 'end', reason: 'hangup' });
  });

  it('when closed, press 0 offers a message; recording it is a follow-up, then goodbye', () => {
    const options = runOptions({ now: BANK_CLOSED });
    const closed = last(bank, [press('0')], options);
    expectWait(closed, 'input', 'closed_menu');
    const record = continueCall(bank, closed.state, press('2'), options);
    expect(heard(record.speech)[0]).toMatch(/^Please leave your name/);
    expect(expectWait(record, 'record', 'closed_voicemail')).toEqual({ kind: 'record', nodeId: 'closed_voicemail', maxLength: 120, transcribe: true });
    const done = continueCall(bank, record.state, { type: 'recorded', recordingUrl: 'https://rec.example/1' }, options);
    expect(done.state).toMatchObject({ reached: 'followUp', variables: { recordingUrl: 'https://rec.example/1' } });
    expect(done.wait).toEqual({ kind: 'end', reason: 'hangup' });
  });

  it('every wait returned gets the next seq', () => {
    const steps = call(bank, [silence, press('2'), press('1'), { type: 'dial', outcome: 'noAnswer' }, { type: 'queue', outcome: 'callback' }]);
    expect(steps.map((step) => step.state.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expectWait(steps[5]!, 'callbackNumber', 'fraud_callback');
  });
});
