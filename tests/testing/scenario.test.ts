import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getFlowFileCandidates, parseScenarioFile, toScenarioJsonSchemaText } from '../../core/testing/scenario.ts';

const base = { flow: '../bank.json', name: 'agent', steps: [{ press: '0' }, { reaches: { person: true } }] };
const messagesOf = (input: unknown) => {
  const result = parseScenarioFile(input);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('scenario files', () => {
  it('reads one scenario, or several under scenarios', () => {
    expect(parseScenarioFile(base)).toEqual({ ok: true, scenarios: [base] });
    const several = parseScenarioFile({ scenarios: [base, { ...base, name: 'again' }] });
    expect(several.ok && several.scenarios.map((s) => s.name)).toEqual(['agent', 'again']);
  });

  it('reads every step and environment field the format has', () => {
    const full = {
      ...base,
      environment: {
        at: '2026-06-06T23:00:00-04:00',
        caller: { number: '+12125550123', data: { fromCountry: 'US' } },
        lookups: { a: { ok: { balance: 3 } }, b: 'failed', c: 'timeout' },
        agents: { t: 'busy' },
        queues: { q: 'full' },
      },
      steps: [
        { expect: { prompt: { contains: 'Hello', language: 'en-US' } } },
        { expect: { prompt: { matches: 'press [0-9]' } } },
        { press: '12#' },
        { say: 'agent' },
        { silence: true },
        { reaches: { person: true, withinSteps: 2, withinSeconds: 30 } },
        { reaches: { node: 'q' } },
        { reaches: { followUp: true } },
        { hangup: true },
        { ends: 'callerChoice' },
      ],
    };
    expect(messagesOf(full)).toEqual([]);
  });

  it('refuses an unknown field, naming it and where it is', () => {
    expect(messagesOf({ ...base, flw: 'x' })).toEqual(['flw: unknown field "flw": remove it or check its spelling']);
    expect(messagesOf({ ...base, steps: [{ reaches: { person: true, within: 3 } }] })).toEqual([
      'steps.0.reaches.within: unknown field "within": remove it or check its spelling',
    ]);
  });

  // zod's "Invalid input: expected string, received undefined" and "Invalid option" before
  it('says which field is missing and which value was meant', () => {
    const { name: _name, ...nameless } = base;
    expect(messagesOf(nameless)).toEqual([': missing "name"']);
    expect(messagesOf({ ...base, environment: { agents: { t: 'bussy' } } })).toEqual([
      'environment.agents.t: environment.agents.t: "bussy" is not one of "answered", "busy", "noAnswer", "failed" (did you mean "busy"?)',
    ]);
  });

  it('refuses a step that is two things, bad keys, a bad pattern, a time without its offset', () => {
    expect(messagesOf({ ...base, steps: [{ press: '1', say: 'agent' }] })[0]).toContain('a step is exactly one of');
    expect(messagesOf({ ...base, steps: [{ press: 'one' }] })[0]).toContain('keys are 0-9, * and #');
    expect(messagesOf({ ...base, steps: [{ expect: { prompt: { matches: '(' } } }] })[0]).toContain('not a valid regular expression');
    expect(messagesOf({ ...base, steps: [{ expect: { prompt: {} } }] })[0]).toContain('either "contains" or "matches"');
    expect(messagesOf({ ...base, environment: { at: '2026-06-06T23:00:00' } })[0]).toMatch(/^environment\.at/);
    expect(messagesOf({ ...base, environment: { agents: { t: 'asleep' } } })[0]).toMatch(/^environment\.agents\.t/);
    expect(messagesOf({ ...base, environment: { draws: [0.5, 1] } })[0]).toMatch(/^environment\.draws\.1/);
    expect(messagesOf({ ...base, environment: { draws: [0, 0.999] } })).toEqual([]);
    expect(messagesOf({ ...base, environment: { queues: { q: 'callback' } } })).toEqual([]);
  });

  it('publishes an up-to-date JSON Schema (run `npm run schema` after changing the format)', () => {
    const published = readFileSync(new URL('../../core/testing/scenario.schema.json', import.meta.url), 'utf8');
    expect(published).toBe(toScenarioJsonSchemaText());
  });

  it('finds a flow named by id (any the designer makes, "_" included) beside the file or one folder up, and anything else as a path', () => {
    expect(getFlowFileCandidates('after_hours')).toEqual([['after_hours.json'], ['..', 'after_hours.json']]);
    expect(getFlowFileCandidates('bank')).toEqual([['bank.json'], ['..', 'bank.json']]);
    expect(getFlowFileCandidates('../../flows/bank.json')).toEqual([['../../flows/bank.json']]);
    expect(getFlowFileCandidates('Bank')).toEqual([['Bank']]);
  });
});
