import { afterEach, describe, expect, test } from 'vitest';
import { TestCall, TestRuntime, createFlowsDir, findElement, removeTempDirs, spokenTexts } from './helpers.ts';

// Speech routes over signed webhooks: Twilio's SpeechResult that no menu option's phrases match
// goes to the menu's `speech.next`, not the no-match re-prompt; an input with `speech` listens
// for speech too, and what is said there goes where the flow sends speech.

const runtimes: TestRuntime[] = [];

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
  removeTempDirs();
});

async function startBank(change: (flow: any) => void): Promise<TestRuntime> {
  const runtime = await new TestRuntime({ flowsDir: createFlowsDir({ bank: change }) }).start();
  runtimes.push(runtime);
  return runtime;
}

const UNMATCHED = 'I would like to open a savings account';
const ACCOUNT_PROMPT = 'Please enter your ten-digit account number, followed by the pound key.';

describe('speech no option matches', () => {
  test('goes to the menu\'s speech.next', async () => {
    const runtime = await startBank((flow) => {
      flow.nodes.main_menu.speech.next = 'balance_account';
    });
    const call = new TestCall(runtime);
    await call.start();
    const answer = await call.say(UNMATCHED);
    expect(spokenTexts(findElement(answer, 'Gather')!)).toEqual([ACCOUNT_PROMPT]);
  });

  test('without speech.next it is a no-match that re-prompts, as before', async () => {
    const runtime = await startBank(() => undefined);
    const call = new TestCall(runtime);
    await call.start();
    const answer = await call.say(UNMATCHED);
    expect(spokenTexts(findElement(answer, 'Gather')!)[0]).toBe('Sorry, I didn\'t catch that.');
  });
});

describe('an input that listens for speech', () => {
  test('asks for speech in its Gather, and the caller\'s words take speech.next', async () => {
    const runtime = await startBank((flow) => {
      flow.nodes.balance_account.speech = { language: 'en-US', next: 'cards_menu' };
    });
    const call = new TestCall(runtime);
    await call.start();
    const atInput = await call.say('balance');
    const gather = findElement(atInput, 'Gather')!;
    expect(spokenTexts(gather)).toEqual([ACCOUNT_PROMPT]);
    expect(gather.attributes.input).toBe('dtmf speech');
    expect(gather.attributes.language).toBe('en-US');
    const answer = await call.say('I lost my card');
    expect(spokenTexts(findElement(answer, 'Gather')!)[0]).toMatch(/^If your card is lost or stolen/);
  });

  test('without speech its Gather takes keys only, as before', async () => {
    const runtime = await startBank(() => undefined);
    const call = new TestCall(runtime);
    await call.start();
    const atInput = await call.say('balance');
    expect(findElement(atInput, 'Gather')!.attributes.input).toBe('dtmf');
  });
});
