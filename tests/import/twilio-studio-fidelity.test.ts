import { describe, expect, it } from 'vitest';
import { importFlow, importTwilioStudio } from '../../core/import/index.ts';
import { lintSource } from '../../core/lint/lint-source.ts';
import type { Finding } from '../../core/lint/types.ts';
import { expectImported, findingsOf, getNode, loadFixture } from './helpers.ts';

/** What a user reads in the report: `rule node: severity`, one line per finding. */
function toReportLines(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.nodeId ?? '-'}: ${finding.severity}`);
}

function lintFixture(name: string): string[] {
  return toReportLines(lintSource(loadFixture(name)).result.findings);
}

// Findings of the fixtures' queues and record-voicemail that hold whatever the gather maps to.
const QUEUE_ADVICE = (queues: string[]) => queues.flatMap((queue) => [`queue-callback-offer ${queue}: warning`, `queue-wait-announcement ${queue}: warning`]);
const VOICEMAIL_PLACEHOLDER = 'import voicemail: warning';

describe('Twilio Studio import: a gather whose keypress goes straight on', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('studio-gather-straight-on.json')));

  it('goes on with whatever the caller entered, as Studio does: no invalid route of its own', () => {
    const input = getNode(flow, 'account', 'input');
    expect(input).toMatchObject({ variable: 'widgets.account.Digits', maxDigits: 8, next: 'thanks', invalid: { retries: 0, next: 'thanks' }, noInput: { retries: 0, next: 'agents' } });
    expect(input.pattern).toBeUndefined();
    expect(findingsOf(findings, 'account')).toEqual([
      'warning: gather "account" is not followed by a split on its Digits or SpeechResult that a menu can express: imported as an input node that stores the entry in "widgets.account.Digits"; any entry goes on to "thanks", as in Studio',
    ]);
  });

  it('lints with no dead end and no confused-caller error: only what Studio really lacks', () => {
    expect(lintFixture('studio-gather-straight-on.json')).toEqual([
      'import account: warning',
      VOICEMAIL_PLACEHOLDER,
      // Studio goes on at once when the caller is silent: that advice is true of the source
      'retry-limit account: warning',
      ...QUEUE_ADVICE(['agents']),
    ]);
  });
});

describe('Twilio Studio import: one choice by key or by speech', () => {
  const { flow } = expectImported(importFlow(loadFixture('studio-key-or-speech.json')));

  it('makes one option with its key and its phrases for each way on', () => {
    expect(getNode(flow, 'main', 'menu').options).toEqual([
      { key: '1', phrases: ['sales'], next: 'sales' },
      { key: '2', phrases: ['support'], next: 'support' },
      { key: '0', phrases: ['agent', 'operator', 'representative'], next: 'agents' },
    ]);
  });

  it('raises no dtmf-fallback or menu-options warning', () => {
    const lines = lintFixture('studio-key-or-speech.json');
    expect(lines.filter((line) => /^(dtmf-fallback|menu-options) /.test(line))).toEqual([]);
    // Studio goes on at once on silence and on a choice it does not know: that advice is true of the source
    expect(lines.filter((line) => / main: /.test(line))).toEqual(['retry-limit main: warning', 'retry-limit main: warning']);
    expect(lines.filter((line) => line.endsWith('error'))).toEqual([]);
  });
});

describe('Twilio Studio import: re-prompt loops', () => {
  const { flow, findings } = expectImported(importFlow(loadFixture('studio-reprompt-loop.json')));

  it('turns timeout → say → same gather and noMatch → say → same gather into the menu\'s own retries', () => {
    const menu = getNode(flow, 'main', 'menu');
    expect(menu.noInput).toEqual({ retries: 2, prompt: 'Sorry, I did not hear anything.', next: 'main' });
    expect(menu.noMatch).toEqual({ retries: 2, prompt: 'Sorry, that is not an option.', next: 'main' });
    expect(flow.nodes).not.toHaveProperty('no_input');
    expect(flow.nodes).not.toHaveProperty('wrong_key');
    expect(findingsOf(findings, 'main')).toEqual([
      'warning: the re-prompt loop of gather "main" through "no_input" became noInput with 2 retries and "no_input" as the re-prompt; Studio repeats it without end, so after the last re-prompt the call starts "main" again',
      'warning: the re-prompt loop of gather "main" through "wrong_key" became noMatch with 2 retries and "wrong_key" as the re-prompt; Studio repeats it without end, so after the last re-prompt the call starts "main" again',
    ]);
  });

  it('no longer warns on retry-limit; the endless loops Studio has are still reported', () => {
    const lines = lintFixture('studio-reprompt-loop.json');
    expect(lines.filter((line) => line.startsWith('retry-limit'))).toEqual([]);
    expect(lines.filter((line) => line.endsWith('error'))).toEqual(['silent-caller main: error', 'silent-caller main: error']);
  });
});

describe('Twilio Studio import: a re-prompt loop on a gather that becomes an input', () => {
  it('turns timeout → say → same gather into the input\'s own noInput retries', () => {
    const studio = loadFixture('studio-gather-straight-on.json') as { states: Array<Record<string, unknown>> };
    const states = studio.states.map((state) =>
      state.name === 'account' ? { ...state, transitions: [{ next: 'thanks', event: 'keypress' }, { next: 'again', event: 'timeout' }] } : state,
    );
    const again = { name: 'again', type: 'say-play', transitions: [{ next: 'account', event: 'audioComplete' }], properties: { say: 'Sorry, I did not get that.' } };
    const { flow } = expectImported(importTwilioStudio({ ...studio, states: [...states, again] }));
    expect(getNode(flow, 'account', 'input').noInput).toEqual({ retries: 2, prompt: 'Sorry, I did not get that.', next: 'account' });
    expect(flow.nodes).not.toHaveProperty('again');
  });

  it('keeps a say that something else also reaches as its own node: that is no longer only a re-prompt', () => {
    const studio = loadFixture('studio-reprompt-loop.json') as { states: Array<Record<string, unknown>> };
    const states = studio.states.map((state) => (state.name === 'Trigger' ? { ...state, transitions: [{ next: 'wrong_key', event: 'incomingCall' }] } : state));
    const { flow } = expectImported(importTwilioStudio({ ...studio, states }));
    expect(getNode(flow, 'main', 'menu').noMatch).toEqual({ retries: 0, next: 'wrong_key' });
    expect(getNode(flow, 'wrong_key', 'say').next).toBe('main');
  });
});
