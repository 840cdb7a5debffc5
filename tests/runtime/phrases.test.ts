import { describe, expect, test } from 'vitest';
import { TestCall, createFlowsDir, el, findElement, useTestRuntimes } from './helpers.ts';

// The runtime's own phrases over real signed webhooks: chosen by the call's language, spoken with its tag and the flow's voice.

const { start } = useTestRuntimes();

/** The shipped bank flow spoken in `language` with `voice`, plus any of its settings changed. */
function startBankIn(language: string, voice: string, settings: Record<string, unknown> = {}) {
  const flowsDir = createFlowsDir({ bank: (flow) => Object.assign(flow.settings, { languages: [language], defaultLanguage: language, voice, ...settings }) });
  return start({ flowsDir });
}

/** The <Say> elements of a hold answer that come before its Gather: the announcement. */
async function holdAnnouncement(call: TestCall) {
  const hold = await call.hold({ QueuePosition: '3', AvgQueueTime: '240', QueueTime: '12' });
  return hold.children.filter((child) => child.tag === 'Say');
}

describe('run-time phrases in the caller\'s language', () => {
  test('a Spanish call hears its place in the queue and the wait in Spanish, in es-ES with the flow\'s voice', async () => {
    const call = new TestCall(await startBankIn('es-ES', 'Polly.Lucia'));
    await call.start();
    await call.press('0');
    const spanish = { language: 'es-ES', voice: 'Polly.Lucia' };
    expect(await holdAnnouncement(call)).toEqual([
      el('Say', spanish, 'Su llamada ocupa la posición 3 en la cola.'),
      el('Say', spanish, 'El tiempo de espera estimado es de unos 4 minutos.'),
    ]);
    const next = await call.hold({ QueuePosition: '1', AvgQueueTime: '50', QueueTime: '90' });
    expect(findElement(next, 'Say')).toEqual(el('Say', spanish, 'Su llamada es la siguiente en ser atendida.'));
  });

  test('the flow\'s own text for a phrase wins over humanline\'s', async () => {
    const phrases = { es: { queuePosition: 'Usted es el número {{position}} de la cola.' } };
    const call = new TestCall(await startBankIn('es-ES', 'Polly.Lucia', { phrases }));
    await call.start();
    await call.press('0');
    const spanish = { language: 'es-ES', voice: 'Polly.Lucia' };
    expect(await holdAnnouncement(call)).toEqual([
      el('Say', spanish, 'Usted es el número 3 de la cola.'),
      el('Say', spanish, 'El tiempo de espera estimado es de unos 4 minutos.'),
    ]);
  });

  test('a language humanline has no phrases in hears them in English, in en-US without the flow\'s voice', async () => {
    const call = new TestCall(await startBankIn('fr-FR', 'Polly.Lea'));
    await call.start();
    await call.press('0');
    expect(await holdAnnouncement(call)).toEqual([
      el('Say', { language: 'en-US' }, 'You are number 3 in line.'),
      el('Say', { language: 'en-US' }, 'The estimated wait is about 4 minutes.'),
    ]);
  });

  test('a Catalan caller whose queue is full is asked to confirm their number in Catalan, read digit by digit', async () => {
    const call = new TestCall(await startBankIn('ca-ES', 'Google.ca-ES-Standard-A'));
    await call.start();
    await call.press('0');
    const callback = await call.queueEnds('queue-full');
    expect(findElement(findElement(callback, 'Gather')!, 'Say')).toEqual(
      el(
        'Say',
        { language: 'ca-ES', voice: 'Google.ca-ES-Standard-A' },
        'Perquè us truquem al 1 2 1 2 5 5 5 9 8 7 6, premeu 1. Per fer servir un altre número, marqueu-lo ara, seguit de la tecla coixinet.',
      ),
    );
  });

  test('a Basque call that goes wrong hears the apology in Basque before the fallback person', async () => {
    const runtime = await startBankIn('eu-ES', 'Google.eu-ES-Standard-A');
    const call = new TestCall(runtime);
    await call.start();
    const answer = await runtime.post('/twilio/fallback', { CallSid: call.callSid, ErrorUrl: 'https://ivr.example.test/twilio/step/bank/1' });
    expect(findElement(answer.document!, 'Say')).toEqual(
      el('Say', { language: 'eu-ES', voice: 'Google.eu-ES-Standard-A' }, 'Sentitzen dugu, arazo bat izan da gure aldetik. Pertsona batekin jarriko zaitugu harremanetan.'),
    );
  });
});
