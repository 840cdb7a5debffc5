import { afterEach, describe, expect, test } from 'vitest';
import { TestCall, TestRuntime, createFlowsDir, findElement, removeTempDirs, spokenTexts } from './helpers.ts';

// A menu's `speech.next` over signed webhooks: Twilio's SpeechResult that no option's phrases
// match goes where the flow sends speech, not to the no-match re-prompt.

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
