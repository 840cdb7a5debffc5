import { describe, expect, it } from 'vitest';
import { continueCall } from '../../core/interpreter/index.ts';
import type { NodeOfKind, Prompt } from '../../core/schema/flow.ts';
import { hangup, makeFlow, say } from '../helpers/flows.ts';
import { CALLER, expectWait, heard, last, loadFlow, press, promptOf, runOptions, silence } from './helpers.ts';

// Languages and placeholders: what the caller hears.

const sayIn = (next: string | undefined, prompt: Prompt): NodeOfKind<'say'> => ({ kind: 'say', prompt, ...(next ? { next } : {}) });

const lumo = loadFlow('multilingual');

describe('languages', () => {
  it('a caller starts in the flow default language', () => {
    const start = last(lumo, []);
    const wait = expectWait(start, 'input', 'language_menu');
    expect(wait.prompt[0]).toMatchObject({ type: 'say', language: 'nl-NL' });
    expect(heard(wait.prompt)[0]).toMatch(/^Welkom bij de klantenservice/);
    expect(start.state.language).toBe('nl-NL');
  });

  it('press 2 at the language menu switches the rest of the call to Estonian', () => {
    const step = last(lumo, [press('2')]);
    expect(step.state.language).toBe('et-EE');
    expect(step.path).toEqual(['set_estonian', 'main_menu']);
    const wait = expectWait(step, 'input', 'main_menu');
    expect(wait.prompt).toEqual([{ type: 'say', language: 'et-EE', text: expect.stringMatching(/^Saadetise oleku kontrollimiseks/) }]);
    const reprompt = continueCall(lumo, step.state, silence, runOptions());
    expect(promptOf(reprompt)[0]).toBe('Vabandust, me ei kuulnud teie valikut.');
  });

  it('Hungarian through to the parcel look-up, whose body carries the language', () => {
    const step = last(lumo, [press('3'), press('1'), press('1234567890')]);
    const wait = expectWait(step, 'lookup', 'parcel_lookup');
    expect(wait.body).toEqual({ trackingNumber: '1234567890', language: 'hu-HU' });
    const status = continueCall(lumo, step.state, { type: 'lookup', outcome: 'ok', data: { statusText: 'úton', expectedDelivery: 'holnap' } }, runOptions());
    expect(heard(status.speech)).toEqual(['Csomagja állapota: úton. Várható kézbesítés: holnap.']);
  });

  it('a set to a language the flow does not serve keeps the caller language', () => {
    const flow = makeFlow('lang', { lang: { kind: 'set', assign: { language: 'fr-FR' }, next: 'hi' }, hi: sayIn('bye', { 'nl-NL': 'Hallo', 'et-EE': 'Tere' }), bye: hangup() }, {
      settings: { languages: ['nl-NL', 'et-EE'], defaultLanguage: 'nl-NL' },
    });
    const step = last(flow, []);
    expect(step.state.language).toBe('nl-NL');
    expect(heard(step.speech)).toEqual(['Hallo']);
  });

  it('a prompt missing the caller language falls back to the default, then to the first text', () => {
    const flow = makeFlow('lang', {
      lang: { kind: 'set', assign: { language: 'hu-HU' }, next: 'a' },
      a: sayIn('b', { 'nl-NL': 'Hallo', 'et-EE': 'Tere' }),
      b: sayIn('c', { 'et-EE': 'Tere' }),
      c: say('d', 'plain text'),
      d: sayIn(undefined, { audio: 'https://audio.example/x.mp3', seconds: 2 }),
    }, { settings: { languages: ['nl-NL', 'et-EE', 'hu-HU'], defaultLanguage: 'nl-NL' } });
    const step = last(flow, []);
    expect(step.speech).toEqual([
      { type: 'say', text: 'Hallo', language: 'nl-NL' },
      { type: 'say', text: 'Tere', language: 'et-EE' },
      { type: 'say', text: 'plain text', language: 'nl-NL' },
      { type: 'play', url: 'https://audio.example/x.mp3' },
    ]);
  });
});

describe('placeholders', () => {
  it('fills variables, caller info and look-up data; unknown names become empty', () => {
    const flow = makeFlow('set', {
      set: { kind: 'set', assign: { greeting: 'Hello from {{caller.fromCity}}', digits: 42 }, next: 'hi' },
      hi: say('bye', '{{greeting}}, caller {{ caller.from }}, {{digits}} {{nobody}}{{caller.secret}}!'),
      bye: hangup('Goodbye in {{language}}.'),
    });
    const step = last(flow, []);
    expect(heard(step.speech)).toEqual([`Hello from Springfield, caller ${CALLER.from}, 42 !`, 'Goodbye in en-US.']);
    expect(step.wait).toEqual({ kind: 'end', reason: 'hangup' });
  });

  it('values go into a look-up URL encoded', () => {
    const flow = makeFlow('look', {
      look: { kind: 'http', request: { url: 'https://api.example/{{caller.from}}?q={{caller.fromCity}}' }, on: { ok: 'bye', failed: 'bye', timeout: 'bye' } },
      bye: hangup(),
    });
    const wait = expectWait(last(flow, [], runOptions(), { ...CALLER, fromCity: 'a&b=c' }), 'lookup');
    expect(wait).toMatchObject({ url: 'https://api.example/%2B15551234567?q=a%26b%3Dc', method: 'GET', headers: {}, timeout: 5 });
  });

  it('new look-up data replaces the old under the same name, nested fields get dotted names', () => {
    const flow = makeFlow('look', {
      look: { kind: 'http', request: { url: 'https://api.example/x' }, saveAs: 'acct', on: { ok: 'again', failed: 'bye', timeout: 'bye' } },
      again: { kind: 'http', request: { url: 'https://api.example/y' }, saveAs: 'acct', on: { ok: 'bye', failed: 'bye', timeout: 'bye' } },
      bye: hangup(),
    });
    const first = last(flow, [{ type: 'lookup', outcome: 'ok', data: { old: 1, owner: { name: 'Ann', tags: ['a', 'b'] } } }]);
    expect(first.state.variables).toEqual({ 'acct.old': 1, 'acct.owner.name': 'Ann', 'acct.owner.tags.0': 'a', 'acct.owner.tags.1': 'b' });
    const second = continueCall(flow, first.state, { type: 'lookup', outcome: 'ok', data: JSON.parse('{"fresh":true,"__proto__":"x"}') }, runOptions());
    expect(second.state.variables).toEqual({ 'acct.fresh': true, 'acct.__proto__': 'x' });
    expect(Object.getPrototypeOf(second.state.variables)).toBe(Object.prototype);
  });
});
