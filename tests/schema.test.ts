import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJsonSchemaText } from '../core/schema/json-schema.ts';
import { parseFlow } from '../core/schema/parse.ts';
import { cleanLine } from './helpers/flows.ts';

describe('flow schema', () => {
  it('accepts a well-formed flow unchanged (no defaults written in, so files round-trip)', () => {
    const flow = cleanLine();
    const result = parseFlow(structuredClone(flow));
    expect(result).toEqual({ ok: true, flow });
  });

  it('reports a misspelt field with its JSON path and node instead of dropping it', () => {
    const flow = cleanLine() as any;
    flow.nodes.main.noInput.nxt = 'agent';
    const result = parseFlow(flow);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: 'nodes.main.noInput', nodeId: 'main', message: 'unknown field "nxt" (check the spelling)' }]);
  });

  it('names the allowed kinds for an unknown node kind', () => {
    const result = parseFlow({ name: 'x', entry: 'a', nodes: { a: { kind: 'ivr' } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ path: 'nodes.a.kind', nodeId: 'a', message: expect.stringMatching(/^unknown kind "ivr": one of "say", .*"menu"/) });
  });

  it('needs no name: a flow without one goes by its id', () => {
    const { name: _name, ...nameless } = cleanLine();
    expect(parseFlow(structuredClone(nameless))).toEqual({ ok: true, flow: nameless });
  });

  // Each of these said "Invalid input" or "expected string, received undefined" before. A missing
  // field is located at the object that lacks it: the field itself has no line in the file.
  it('says which field is missing, which kind was meant, and what is wrong inside a prompt or a transfer\'s number', () => {
    const issueOf = (edit: (flow: any) => void) => {
      const flow = cleanLine() as any;
      edit(flow);
      const result = parseFlow(flow);
      return result.ok ? undefined : result.issues;
    };
    expect(issueOf((flow) => delete flow.nodes.vm.prompt)).toEqual([{ path: 'nodes.vm', nodeId: 'vm', message: 'missing "prompt", which a voicemail node needs' }]);
    expect(issueOf((flow) => delete flow.entry)).toEqual([{ path: '', message: 'missing "entry"' }]);
    expect(issueOf((flow) => delete flow.nodes.vm.kind)).toEqual([{ path: 'nodes.vm', nodeId: 'vm', message: expect.stringMatching(/^missing "kind": one of "say", /) }]);
    expect(issueOf((flow) => (flow.nodes.vm.kind = 'voicemal'))).toEqual([
      { path: 'nodes.vm.kind', nodeId: 'vm', message: expect.stringMatching(/^unknown kind "voicemal" \(did you mean "voicemail"\?\): one of /) },
    ]);
    expect(issueOf((flow) => (flow.nodes.agent.to = {}))).toEqual([{ path: 'nodes.agent.to', nodeId: 'agent', message: 'needs one of "number", "sip", "client"' }]);
    expect(issueOf((flow) => (flow.nodes.agent.to = { number: 34910000000 }))).toEqual([{ path: 'nodes.agent.to.number', nodeId: 'agent', message: 'expected string, received number' }]);
    expect(issueOf((flow) => (flow.nodes.vm.prompt = { 'en-US': 5 }))).toEqual([{ path: 'nodes.vm.prompt.en-US', nodeId: 'vm', message: 'expected string, received number' }]);
    expect(issueOf((flow) => (flow.nodes.vm.prompt = 5))).toEqual([{ path: 'nodes.vm.prompt', nodeId: 'vm', message: 'expected string or object, received number' }]);
    expect(issueOf((flow) => (flow.nodes = []))).toEqual([{ path: 'nodes', message: 'expected object, received array' }]);
    // a one-character value is no typo of another: no "did you mean" for a key
    expect(issueOf((flow) => (flow.nodes.main.options[0].key = 'x'))).toEqual([
      { path: 'nodes.main.options.0.key', nodeId: 'main', message: '"x" is not one of "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"' },
    ]);
  });

  it('refuses an unknown time zone, a bad phone number and a bad node id', () => {
    const flow = cleanLine() as any;
    flow.nodes.hours = { kind: 'condition', test: { type: 'hours', timezone: 'Mars/Olympus', weekly: {} }, then: 'agent', else: 'vm' };
    flow.nodes.agent.to = { number: '555-0100' };
    flow.nodes['9lives'] = { kind: 'hangup' };
    const result = parseFlow(flow);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'nodes.agent.to.number', nodeId: 'agent', message: 'an E.164 number such as "+34910000000"' },
      { path: 'nodes.hours.test.timezone', nodeId: 'hours', message: 'an IANA time zone such as "Europe/Madrid"' },
      { path: 'nodes.9lives', nodeId: '9lives', message: expect.stringContaining('invalid id "9lives": a node id starts with a letter') },
    ]);
  });

  it('refuses a node named __proto__ instead of silently losing it', () => {
    const text = '{"name":"x","entry":"main","nodes":{"main":{"kind":"say","prompt":"Hi","next":"__proto__"},"__proto__":{"kind":"hangup"}}}';
    const result = parseFlow(JSON.parse(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.message).join('\n')).toContain('__proto__');
  });

  it('publishes an up-to-date JSON Schema (run `npm run schema` after changing the schema)', () => {
    const published = readFileSync(new URL('../core/schema/flow.schema.json', import.meta.url), 'utf8');
    expect(published).toBe(toJsonSchemaText());
    const schema = JSON.parse(published);
    expect(schema.required).toEqual(['entry', 'nodes']);
  });
});

describe('text a call speaks or puts into TwiML', () => {
  const issuesOf = (flow: unknown) => {
    const result = parseFlow(flow);
    return result.ok ? [] : result.issues;
  };

  it('refuses a character XML cannot carry in a prompt, naming it, where it is, and what to do', () => {
    const flow = cleanLine() as any;
    flow.nodes.main.prompt = 'Press 1\u000b for sales.';
    expect(issuesOf(flow)).toEqual([
      {
        path: 'nodes.main.prompt',
        nodeId: 'main',
        message: 'holds U+000B (a control character) at character 8, which a phone call cannot carry: delete it or replace it with a space',
      },
    ]);
  });

  it.each([
    ['a form feed in a prompt in one language', (flow: any) => (flow.nodes.main.prompt = { 'en-US': 'Hello', 'es-ES': 'Hola\u000c' }), 'nodes.main.prompt.es-ES', 'U+000C'],
    ['a lone surrogate in an option label', (flow: any) => (flow.nodes.main.options[0].label = 'Sales \ud800'), 'nodes.main.options.0.label', 'U+D800'],
    ['U+FFFE in a speech phrase', (flow: any) => (flow.nodes.main.options[0].phrases = ['sales\ufffe']), 'nodes.main.options.0.phrases.0', 'U+FFFE'],
    ['U+FFFF in a speech hint', (flow: any) => (flow.nodes.main.speech = { hints: ['sales\uffff'] }), 'nodes.main.speech.hints.0', 'U+FFFF'],
    ['a NUL in a re-prompt', (flow: any) => (flow.nodes.main.noInput.prompt = 'Sorry\u0000'), 'nodes.main.noInput.prompt', 'U+0000'],
    ['an escape in a node label the whisper reads out', (flow: any) => (flow.nodes.main.label = 'Main \u001b[2J'), 'nodes.main.label', 'U+001B'],
    ['a control character in the voice', (flow: any) => (flow.settings = { voice: 'Polly.Joanna\u0007' }), 'settings.voice', 'U+0007'],
  ])('refuses %s', (_, change, path, name) => {
    const flow = cleanLine() as any;
    change(flow);
    const issues = issuesOf(flow);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toContain(`holds ${name} `);
  });

  it('refuses such characters in hold messages, queue names, survey prompts and values a flow sets', () => {
    const flow = cleanLine() as any;
    flow.nodes.hold = {
      kind: 'queue',
      queue: 'support\u0001',
      hold: { prompt: 'Please hold\u0002' },
      callbackOffer: { key: '1', prompt: 'Press 1\u0003' },
      on: {},
    };
    flow.nodes.rate = { kind: 'survey', prompt: 'Rate us\u0004' };
    flow.nodes.mark = { kind: 'set', assign: { greeting: 'Hi\u0005' } };
    expect(issuesOf(flow).map((issue) => issue.path).sort()).toEqual(
      ['nodes.hold.callbackOffer.prompt', 'nodes.hold.hold.prompt', 'nodes.hold.queue', 'nodes.mark.assign.greeting', 'nodes.rate.prompt'].sort(),
    );
  });

  it('accepts tabs, newlines, accents, emoji and other languages', () => {
    const flow = cleanLine() as any;
    flow.nodes.main.prompt = { 'en-US': 'Welcome.\n\tPress 1 😀', 'es-ES': 'Café Muñoz', 'ja-JP': 'こんにちは' };
    expect(parseFlow(flow).ok).toBe(true);
  });
});

describe('input patterns', () => {
  const withPattern = (pattern: string) => {
    const flow = cleanLine() as any;
    flow.nodes.account = { kind: 'input', prompt: 'Your account number?', variable: 'account', maxDigits: 64, pattern, next: 'bye' };
    return parseFlow(flow);
  };

  it('refuses a pattern that backtracks exponentially, saying where and what to write instead', () => {
    const result = withPattern('^(\\d+)+0$');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        path: 'nodes.account.pattern',
        nodeId: 'account',
        message: expect.stringMatching(/^the pattern has a repetition inside a repetition at character 2: .*such as \^\\d\{4,8\}\$/),
      },
    ]);
  });

  it.each([
    ['(a|a)*', 'two parts, "a" and "a", that can take the same character first'],
    ['(\\d*)*', 'can match nothing'],
    ['(\\d+)*$', 'repetition inside a repetition'],
    ['^(0|00)+1$', 'can take the same character'],
    ['\\d*\\d*\\d*\\d*x', 'can take the same character'],
    ['^\\d+0$', 'can take the same character'],
    ['(0?|1?)2', 'more than one can match nothing'],
    ['^(\\d)\\1$', 'backreference'],
    ['^(?=\\d{4})\\d+$', 'lookahead'],
    ['\\bx', 'word boundary'],
    ['a^', '"^" other than as the first character'],
    ['((', 'unclosed'],
  ])('refuses %s', (pattern, reason) => {
    const result = withPattern(pattern);
    expect(result.ok ? '' : result.issues.map((issue) => issue.message).join('\n')).toContain(reason);
  });

  it.each(['^[0-9]{10}$', '^\\d{4,8}$', '^(\\d{3})+#?$', '^\\*?\\d{1,10}$', '^(1|2|3)\\d{3}$', '^0\\d*$', '^(?:\\+|00)\\d{6,15}$', '^[1-9][0-9]*$', '\\d', ''])('accepts %s', (pattern) => {
    expect(withPattern(pattern)).toMatchObject({ ok: true });
  });
});

describe('condition patterns', () => {
  const withTest = (test: unknown) => parseFlow({ ...cleanLine(), entry: 'check', nodes: { ...cleanLine().nodes, check: { kind: 'condition', test, then: 'welcome', else: 'agent' } } });

  it('refuses an unsafe `matches` pattern on a variable, which a look-up answer of 2000 characters could freeze the line with', () => {
    const result = withTest({ type: 'variable', variable: 'account.note', op: 'matches', value: ['^VIP', '^(a+)+$'] });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'nodes.check.test.value', nodeId: 'check', message: expect.stringMatching(/^"\^\(a\+\)\+\$": the pattern has a repetition inside a repetition/) },
    ]);
  });

  it('refuses an unsafe `matches` pattern on a caller field, and keeps other comparisons as they were', () => {
    expect(withTest({ type: 'caller', field: 'from', op: 'matches', value: '(\\d*)*$' }).ok).toBe(false);
    expect(withTest({ type: 'caller', field: 'from', op: 'eq', value: '(\\d*)*$' }).ok).toBe(true);
    expect(withTest({ type: 'caller', field: 'from', op: 'matches', value: '^\\+34' }).ok).toBe(true);
  });
});
