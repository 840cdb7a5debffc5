import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectConfig, splitRuleSetting, type ProjectConfig } from '../../core/lint/config.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import { RULES_BY_ID } from '../../core/lint/registry.ts';
import type { Finding } from '../../core/lint/types.ts';
import { getProfileRules, PROFILES } from '../../core/profiles/index.ts';
import { MEASURES } from '../../core/profiles/measures.ts';
import type { Flow, NodeOfKind } from '../../core/schema/flow.ts';
import { cleanLine, cleanLineWith, http, input, makeFlow, menu, queue, transfer, voicemail } from '../helpers/flows.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';

/** A recorded announcement of `seconds` before the main menu: slower than every profile's budget. */
const slowLine = (seconds: number): Flow =>
  cleanLineWith({ welcome: { kind: 'say', prompt: { audio: 'https://example.com/terms.mp3', seconds }, next: 'main' } });

const lineWithQueue = (hold: NodeOfKind<'queue'>): Flow =>
  makeFlow('main', { main: menu({ '0': 'hold' }, { fallback: 'hold' }), hold, vm: voicemail() });

/** For each rule a profile names, a small flow that breaks it under the strictest setting any profile gives it. */
const FAILING_FLOWS: Record<string, Flow> = {
  'dtmf-reachability': cleanLineWith({
    main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), options: [{ phrases: ['opening hours'], next: 'info' }, { key: '0', next: 'agent' }], speech: { language: 'en-US' } },
  }),
  'dead-end': cleanLineWith({ agent: transfer({ answered: 'bye', busy: 'vm', noAnswer: 'vm' }) }),
  'dtmf-fallback': cleanLineWith({
    main: { ...menu({ '0': 'agent' }, { fallback: 'agent' }), options: [{ phrases: ['billing'], next: 'info' }, { key: '0', next: 'agent' }], speech: { language: 'en-US' } },
  }),
  'failure-branch': cleanLineWith({ agent: transfer({ answered: 'bye', busy: 'vm', noAnswer: 'vm' }) }),
  'human-option-first-menu': makeFlow('main', { main: menu({ '1': 'sub' }, { fallback: 'vm' }), sub: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ onFailure: 'vm' }), vm: voicemail() }),
  'input-timeout-warning': cleanLineWith({ main: { ...menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), noInput: { retries: 0, next: 'agent' } } }),
  'language-choice': makeFlow('main', { main: menu({ '0': 'agent' }, { fallback: 'agent' }), agent: transfer({ onFailure: 'vm' }), vm: voicemail() }, { settings: { languages: ['es-ES', 'ca-ES'] } }),
  'menu-barge-in': cleanLineWith({ main: { ...menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), bargeIn: false } }),
  'human-unreachable': makeFlow('main', { main: menu({ '1': 'info' }, { fallback: 'info' }), info: { kind: 'hangup', prompt: 'We are open nine to five.' } }),
  'menu-options': cleanLineWith({ main: menu({ '1': 'info', '2': 'info', '3': 'info', '4': 'info', '5': 'info', '6': 'info', '7': 'info', '8': 'info', '9': 'bye', '0': 'agent' }, { fallback: 'agent' }) }),
  'no-repeat': makeFlow('account', {
    account: input('lookup', { noInput: 'agent', invalid: 'agent' }),
    lookup: http({ ok: 'agent', failed: 'retype', timeout: 'agent' }),
    retype: input('agent', { noInput: 'agent', invalid: 'agent' }),
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
  }),
  'operator-key': cleanLineWith({ main: menu({ '1': 'info', '2': 'agent', '9': 'bye' }, { fallback: 'agent' }) }),
  'prompt-length': cleanLineWith({ info: { kind: 'say', prompt: 'We are open. '.repeat(40), next: 'main' } }),
  'queue-callback-offer': lineWithQueue(queue({ full: 'vm' })),
  'queue-hygiene': lineWithQueue({ ...queue({ full: 'vm' }), maxWait: 300, on: { full: 'vm' } }),
  'queue-wait-announcement': lineWithQueue({ kind: 'queue', queue: 'support', on: { full: 'vm' }, callbackOffer: { key: '1', next: 'vm' } }),
  'retry-limit': cleanLineWith({ main: { ...menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { fallback: 'agent' }), noInput: { retries: 0, next: 'agent' } } }),
  'seconds-to-human': slowLine(400),
  'seconds-to-person': cleanLineWith({ agent: { ...transfer({ answered: 'bye', onFailure: 'vm' }), timeout: 600 } }),
  'silent-caller': cleanLineWith({ main: menu({ '1': 'info', '0': 'agent', '9': 'bye' }, { noInput: 'bye', noMatch: 'agent' }) }),
  'steps-to-human': makeFlow('one', {
    one: menu({ '1': 'two' }, { fallback: 'vm' }),
    two: menu({ '1': 'three' }, { fallback: 'vm' }),
    three: menu({ '1': 'four' }, { fallback: 'vm' }),
    four: menu({ '1': 'agent' }, { fallback: 'vm' }),
    agent: transfer({ onFailure: 'vm' }),
    vm: voicemail(),
  }),
  'translation-coverage': { ...cleanLine(), settings: { languages: ['en-US', 'es-ES'] } },
};

const lintWith = (flow: Flow, config?: ProjectConfig): Finding[] => lintFlow(flow, config ? { config } : {}).findings;
const findingsOf = (findings: Finding[], ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);

describe('the profiles', () => {
  it('are sorted, each in its own file named by its id', () => {
    const ids = PROFILES.map((profile) => profile.id);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) {
      expect(id).toMatch(/^humanline:[a-z0-9-]+$/);
      expect(existsSync(path.resolve(import.meta.dirname, `../../core/profiles/${id.slice('humanline:'.length)}.ts`)), id).toBe(true);
    }
  });

  it('name the text they follow, its version and their status', () => {
    for (const profile of PROFILES) {
      expect(profile.title, profile.id).not.toBe('');
      expect(profile.follows.text, profile.id).not.toBe('');
      expect(profile.follows.version, profile.id).not.toBe('');
      expect(['law', 'standard', 'draft']).toContain(profile.status);
    }
  });

  describe.each(PROFILES.map((profile) => [profile.id, profile] as const))('%s', (_, profile) => {
    it('numbers its requirements once each', () => {
      const ids = profile.requirements.map((requirement) => requirement.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it.each(profile.requirements.map((requirement) => [requirement.id, requirement] as const))('%s maps to a rule or a measure, or says what cannot be checked', (_, requirement) => {
      const mapped = Object.keys(requirement.rules).length + (requirement.measures?.length ?? 0);
      expect(mapped > 0 || (requirement.cannotCheck ?? '').length > 0).toBe(true);
      expect(requirement.text).not.toBe('');
    });

    it('names only registered rules, with options those rules accept, and only known measures', () => {
      for (const requirement of profile.requirements) {
        for (const [ruleId, setting] of Object.entries(requirement.rules)) {
          const rule = RULES_BY_ID.get(ruleId);
          expect(rule, `${requirement.id}: ${ruleId}`).toBeDefined();
          const parsed = rule!.meta.options.safeParse(splitRuleSetting(setting).options ?? {});
          expect(parsed.success, `${requirement.id}: ${ruleId}`).toBe(true);
        }
        for (const measure of requirement.measures ?? []) expect(Object.keys(MEASURES), requirement.id).toContain(measure);
      }
    });

    it('gives a rule the same setting wherever two requirements name it', () => {
      const merged = getProfileRules(profile);
      for (const requirement of profile.requirements) {
        for (const [ruleId, setting] of Object.entries(requirement.rules)) expect(merged[ruleId], `${requirement.id}: ${ruleId}`).toEqual(setting);
      }
    });

    it.each(profile.requirements.filter((r) => Object.keys(r.rules).length > 0).map((r) => [r.id, r] as const))('%s fails on a flow that breaks it', (_, requirement) => {
      for (const [ruleId, setting] of Object.entries(requirement.rules)) {
        const flow = FAILING_FLOWS[ruleId];
        expect(flow, `no failing flow for ${ruleId}`).toBeDefined();
        const expectedSeverity = splitRuleSetting(setting).severity === 'warn' ? 'warning' : 'error';
        const findings = findingsOf(lintWith({ ...flow!, extends: [profile.id] }), ruleId);
        expect(findings.length, `${requirement.id}: ${ruleId}`).toBeGreaterThan(0);
        expect(findings.map((finding) => finding.severity), `${requirement.id}: ${ruleId}`).toContain(expectedSeverity);
      }
    });

    it('passes on every shipped example', () => {
      for (const { file, text } of readShippedFlowTexts()) {
        const result = lintFlow(JSON.parse(text), { config: { extends: [profile.id] } });
        expect(result.findings, file).toEqual([]);
      }
    });
  });
});

describe('extends', () => {
  const noCallbackOffer = FAILING_FLOWS['queue-callback-offer']!;

  it('raises what a profile asks: a missing callback offer is an error under humanline:gethuman, a warning without it', () => {
    expect(findingsOf(lintWith(noCallbackOffer), 'queue-callback-offer').map((f) => f.severity)).toEqual(['warning']);
    expect(findingsOf(lintWith(noCallbackOffer, { extends: ['humanline:gethuman'] }), 'queue-callback-offer').map((f) => f.severity)).toEqual(['error']);
  });

  it('applies the project\'s profiles, then its rules, then the flow\'s profiles, then the flow\'s rules', () => {
    const config: ProjectConfig = { extends: ['humanline:gethuman'], rules: { 'queue-callback-offer': 'off' } };
    expect(findingsOf(lintWith(noCallbackOffer, config), 'queue-callback-offer')).toEqual([]);
    const flowExtends = { ...noCallbackOffer, extends: ['humanline:us-ca-ab-1609-draft'] };
    expect(findingsOf(lintWith(flowExtends, config), 'queue-callback-offer').map((f) => f.severity)).toEqual(['warning']);
    const flowRules = { ...flowExtends, rules: { 'queue-callback-offer': 'error' as const } };
    expect(findingsOf(lintWith(flowRules, config), 'queue-callback-offer').map((f) => f.severity)).toEqual(['error']);
  });

  it('lets a later profile win: 200 s to a person fails Spain\'s 180 s, not the California draft\'s 300 s', () => {
    const slow = slowLine(200);
    const spainLast = findingsOf(lintWith({ ...slow, extends: ['humanline:us-ca-ab-1609-draft', 'humanline:es-ley-10-2025'] }), 'seconds-to-person');
    expect(spainLast.map((f) => [f.severity, f.message])).toEqual([['error', expect.stringContaining('the budget is 180 s')]]);
    expect(findingsOf(lintWith({ ...slow, extends: ['humanline:es-ley-10-2025', 'humanline:us-ca-ab-1609-draft'] }), 'seconds-to-person')).toEqual([]);
  });

  it('keeps a profile\'s options when the flow\'s rules change only the severity', () => {
    const findings = findingsOf(lintWith({ ...slowLine(200), extends: ['humanline:es-ley-10-2025'], rules: { 'seconds-to-person': 'warn' } }), 'seconds-to-person');
    expect(findings.map((f) => [f.severity, f.message])).toEqual([['warning', expect.stringContaining('the budget is 180 s')]]);
  });

  it('refuses an unknown profile in a flow as a schema error at its path, naming the known ones', () => {
    const result = lintFlow({ ...cleanLine(), extends: ['humanline:gethuman', 'humanline:es-ley-10'] });
    expect(result.findings).toEqual([
      {
        ruleId: 'schema',
        severity: 'error',
        jsonPath: 'extends.1',
        message: 'extends.1: unknown profile "humanline:es-ley-10"; known profiles: humanline:es-ley-10-2025, humanline:gethuman, humanline:us-ca-ab-1609-draft',
      },
    ]);
  });

  it('refuses an unknown profile in the project config, naming the known ones', () => {
    expect(parseProjectConfig({ extends: ['eslint:recommended'] })).toEqual({
      ok: false,
      message: 'extends.0: unknown profile "eslint:recommended"; known profiles: humanline:es-ley-10-2025, humanline:gethuman, humanline:us-ca-ab-1609-draft',
    });
    expect(parseProjectConfig({ extends: 'humanline:gethuman' }).ok).toBe(false);
  });
});
