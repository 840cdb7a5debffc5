import { afterEach, describe, expect, test } from 'vitest';
import { TestCall, TestRuntime, createFlowsDir, findElement, removeTempDirs, spokenTexts } from './helpers.ts';

// An input's `speech` over signed webhooks: the Gather listens for speech too, and Twilio's
// SpeechResult at the input goes where the flow sends speech.

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

const ACCOUNT_PROMPT = 'Please enter your ten-digit account number, followed by the pound key.';

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
