import { describe, expect, test } from 'vitest';
import { lintParsedFlow } from '../../core/lint/linter.ts';
import { RULES } from '../../core/lint/registry.ts';
import { FlowSchema, type Flow, type RuleSettings } from '../../core/schema/flow.ts';
import { call, say } from './helpers.ts';

// operator-key judges a speech menu by asking where a caller who says just
// "agent" goes; the interpreter is what routes that caller. The two must agree.

function toMenuFlow(options: { key: string; phrases: string[]; next: string }[]): Flow {
  return FlowSchema.parse({
    name: 'operator words',
    entry: 'm',
    nodes: {
      m: { kind: 'menu', prompt: 'p', speech: { language: 'en-US' }, options, noInput: { next: 't' }, noMatch: { next: 't' } },
      sub: { kind: 'menu', prompt: 'q', options: [{ key: '0', next: 't' }], noInput: { next: 't' }, noMatch: { next: 't' } },
      t: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
      vm: { kind: 'voicemail', prompt: 'leave' },
    },
  });
}

/** Where the call waits after the caller says `words` once at the menu. */
const toWaitAfterSaying = (flow: Flow, words: string) => call(flow, [say(words)]).at(-1)!.wait;

/** The words operator-key reports at the menu, with only that rule on. */
function getReportedWords(flow: Flow): string[] {
  const rules: RuleSettings = Object.fromEntries(RULES.map((rule) => [rule.id, rule.id === 'operator-key' ? ('error' as const) : ('off' as const)]));
  const { result } = lintParsedFlow(flow, { config: { rules } });
  return result.findings.map((finding) => /"(agent|operator|representative)"/.exec(finding.message)?.[1] ?? finding.message);
}

describe('a caller who says just an operator word goes where operator-key says', () => {
  // The menu: "agent" only inside "talk to an agent".
  const onlyInPhrase = toMenuFlow([{ key: '0', phrases: ['talk to an agent', 'operator', 'representative'], next: 't' }]);

  test('"agent" inside a longer phrase: the rule reports it, and the call re-prompts', () => {
    expect(getReportedWords(onlyInPhrase)).toEqual(['agent']);
    expect(toWaitAfterSaying(onlyInPhrase, 'agent')).toMatchObject({ kind: 'input', nodeId: 'm' });
    // The phrase said in full, inside a sentence as Twilio hands it over, is heard.
    expect(toWaitAfterSaying(onlyInPhrase, 'I want to talk to an agent please.')).toMatchObject({ kind: 'dial', nodeId: 't' });
  });

  test('"agent" as a phrase of its own: the rule is satisfied, and the call is transferred', () => {
    const fixed = toMenuFlow([{ key: '0', phrases: ['talk to an agent', 'agent', 'operator', 'representative'], next: 't' }]);
    expect(getReportedWords(fixed)).toEqual([]);
    for (const word of ['agent', 'Operator.', ' REPRESENTATIVE ']) expect(toWaitAfterSaying(fixed, word)).toMatchObject({ kind: 'dial', nodeId: 't' });
  });

  test('"agent" picks the option with the bare word, so the rule follows that option too', () => {
    const elsewhere = toMenuFlow([
      { key: '0', phrases: ['talk to an agent', 'operator', 'representative'], next: 't' },
      { key: '1', phrases: ['agent'], next: 'sub' },
    ]);
    expect(getReportedWords(elsewhere)).toEqual(['agent']);
    expect(toWaitAfterSaying(elsewhere, 'agent')).toMatchObject({ kind: 'input', nodeId: 'sub' });
  });
});
