import { describe, expect, test } from 'vitest';
import { findOptionBySpeech, toSpokenWords } from '../../core/nodes/speech-match.ts';

const AGENT_MENU = [{ phrases: ['talk to an agent', 'operator'] }, { phrases: ['billing', 'my bill'] }];

describe('the words of what a caller said', () => {
  test('lower case, punctuation and spacing dropped, apostrophes inside a word kept', () => {
    expect(toSpokenWords('  I want to talk to an Agent, please.  ')).toEqual(['i', 'want', 'to', 'talk', 'to', 'an', 'agent', 'please']);
    expect(toSpokenWords("I don’t know… 'agent'")).toEqual(['i', "don't", 'know', 'agent']);
    expect(toSpokenWords('atención al cliente')).toEqual(['atención', 'al', 'cliente']);
  });

  test('an accent typed as a combining mark is the same word as the accented letter', () => {
    expect(toSpokenWords('atencio\u0301n')).toEqual(toSpokenWords('atención'));
  });

  test('nothing but punctuation is no words', () => {
    expect(toSpokenWords(' ?! - ')).toEqual([]);
  });
});

describe('the option an utterance picks', () => {
  test('Twilio hands over the whole utterance: a phrase inside it picks the option', () => {
    expect(findOptionBySpeech(AGENT_MENU, 'I want to talk to an agent please.')).toEqual({ index: 0, phrase: 'talk to an agent' });
    expect(findOptionBySpeech(AGENT_MENU, 'OPERATOR!')).toEqual({ index: 0, phrase: 'operator' });
  });

  test('a bare word does not match a longer phrase that contains it', () => {
    expect(findOptionBySpeech(AGENT_MENU, 'agent')).toBeUndefined();
    expect(findOptionBySpeech(AGENT_MENU, 'talk to agent')).toBeUndefined();
  });

  test('phrases match whole words only: no plurals, no pieces of words', () => {
    expect(findOptionBySpeech(AGENT_MENU, 'operators')).toBeUndefined();
    expect(findOptionBySpeech(AGENT_MENU, 'rebilling')).toBeUndefined();
    expect(findOptionBySpeech([{ phrases: ['agents'] }], 'agent')).toBeUndefined();
  });

  test('the longest phrase heard wins, whichever option lists it first', () => {
    const cards = [{ phrases: ['card'] }, { phrases: ['lost card'] }];
    expect(findOptionBySpeech(cards, 'I lost my card')).toEqual({ index: 0, phrase: 'card' });
    expect(findOptionBySpeech(cards, 'I have a lost card')).toEqual({ index: 1, phrase: 'lost card' });
  });

  test('on a tie the earlier option, then its earlier phrase', () => {
    expect(findOptionBySpeech([{ phrases: ['billing'] }, { phrases: ['agent'] }], 'agent for billing')).toEqual({ index: 0, phrase: 'billing' });
    expect(findOptionBySpeech([{ phrases: ['help', 'agent'] }], 'agent help')).toEqual({ index: 0, phrase: 'help' });
  });

  test('silence, noise and options without phrases pick nothing', () => {
    expect(findOptionBySpeech(AGENT_MENU, '')).toBeUndefined();
    expect(findOptionBySpeech(AGENT_MENU, '...')).toBeUndefined();
    expect(findOptionBySpeech([{}, { phrases: ['!!'] }], 'anything !!')).toBeUndefined();
  });
});
