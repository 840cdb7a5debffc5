import { describe, expect, it } from 'vitest';
import { toWords } from '../../core/graph/path.ts';
import { lintLine } from '../../core/lint/line.ts';
import { lintFlow } from '../../core/lint/linter.ts';
import type { Flow } from '../../core/schema/flow.ts';
import { parseFlow } from '../../core/schema/parse.ts';

const TRANSFER = { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } } as const;
const VOICEMAIL = { kind: 'voicemail', prompt: 'Leave a message.' } as const;

/** An entry flow whose only way on is the brand flow; its own voicemail if the link fails. */
const entryFlow: Flow = {
  name: 'Entry',
  entry: 'main',
  nodes: {
    main: { kind: 'menu', prompt: 'For an agent press 0.', options: [{ key: '0', next: 'to-brand' }], noInput: { next: 'to-brand' }, noMatch: { next: 'to-brand' } },
    'to-brand': { kind: 'goto', flow: 'brand', on: { failed: 'vm' } },
    vm: VOICEMAIL,
  },
};

/** The brand flow: the person sits here. */
const brandFlow: Flow = {
  name: 'Brand',
  entry: 'hours',
  nodes: {
    hours: { kind: 'say', prompt: 'Connecting you.', next: 't' },
    t: TRANSFER,
    vm: VOICEMAIL,
  },
};

const ids = (result: { findings: Array<{ ruleId: string; nodeId?: string }> }) => result.findings.map((f) => `${f.ruleId}@${f.nodeId}`);

describe('goto: a flow hands the call to another flow of the line', () => {
  it('is a node kind the schema accepts, naming the flow by its id', () => {
    expect(parseFlow(entryFlow).ok).toBe(true);
    expect(parseFlow({ ...entryFlow, nodes: { ...entryFlow.nodes, 'to-brand': { kind: 'goto', flow: 'Brand Flow' } } }).ok).toBe(false);
  });

  it('alone, the flow whose person sits in the next flow has no route to a person, and the link names a flow not linted', () => {
    const alone = lintFlow(entryFlow, { file: 'entry.json' });
    expect(ids(alone)).toContain('human-unreachable@main');
    const missing = alone.findings.find((f) => f.ruleId === 'missing-target');
    expect(missing?.nodeId).toBe('to-brand');
    expect(missing?.message).toContain('flow "brand", which is not linted with this one');
  });

  it('linted together, the line is clean: the guarantee continues in the brand flow', () => {
    const [entry, brand] = lintLine([
      { file: 'flows/entry.json', flow: entryFlow },
      { file: 'flows/brand.json', flow: brandFlow },
    ]);
    expect(entry!.findings).toEqual([]);
    expect(brand!.findings).toEqual([]);
    expect(entry!.file).toBe('flows/entry.json');
  });

  it('a link to a flow not in the set is a finding at the link naming the missing flow and those there are', () => {
    const [entry] = lintLine([
      { file: 'entry.json', flow: entryFlow },
      { file: 'billing.json', flow: brandFlow },
    ]);
    const missing = entry!.findings.find((f) => f.ruleId === 'missing-target');
    expect(missing?.nodeId).toBe('to-brand');
    expect(missing?.message).toBe('The "to flow brand" route continues in flow "brand", which is not linted with this one; flows of the line: "entry", "billing".');
    expect(ids(entry!)).toContain('human-unreachable@main');
  });

  it('a link to a misspelt flow id suggests the flow of the line it is a typo of', () => {
    const [entry] = lintLine([
      { file: 'entry.json', flow: entryFlow },
      { file: 'brands.json', flow: brandFlow },
    ]);
    expect(entry!.findings.find((f) => f.ruleId === 'missing-target')?.message).toBe('The "to flow brand" route continues in flow "brand", which is not linted with this one; did you mean "brands"?');
  });

  it('a link out of a large line lists a few of its flows and counts the rest, not all of them in every finding', () => {
    const others = Array.from({ length: 11 }, (_, index) => ({ file: `region-${index + 1}.json`, flow: brandFlow }));
    const [entry] = lintLine([{ file: 'entry.json', flow: entryFlow }, ...others]);
    expect(entry!.findings.find((f) => f.ruleId === 'missing-target')?.message).toBe(
      'The "to flow brand" route continues in flow "brand", which is not linted with this one; flows of the line: "entry", "region-1", "region-2", "region-3", "region-4", "region-5", "region-6", "region-7" and 4 more.',
    );
  });

  it('a link to a node the linked flow lacks is reported', () => {
    const linking: Flow = { ...entryFlow, nodes: { ...entryFlow.nodes, 'to-brand': { kind: 'goto', flow: 'brand', node: 'nowhere', on: { failed: 'vm' } } } };
    const [entry] = lintLine([
      { file: 'entry.json', flow: linking },
      { file: 'brand.json', flow: brandFlow },
    ]);
    expect(entry!.findings.find((f) => f.ruleId === 'missing-target')?.message).toBe('The "to flow brand" route continues at "nowhere" in flow "brand", which has no such node.');
  });

  it('a counterexample crosses files, each step with its file', () => {
    const strandedBrand: Flow = { name: 'Brand', entry: 'hours', nodes: { hours: { kind: 'say', prompt: 'We are closed.', next: 'bye' }, bye: { kind: 'hangup' } } };
    const [entry] = lintLine([
      { file: 'entry.json', flow: entryFlow },
      { file: 'brand.json', flow: strandedBrand },
    ]);
    const unreachable = entry!.findings.find((f) => f.ruleId === 'human-unreachable');
    expect(unreachable?.nodeId).toBe('main');
    expect(toWords(unreachable!.path!)).toBe('entry.json:main --press 0--> entry.json:to-brand --to flow brand--> brand.json:hours (hang up)');
    expect(unreachable!.path!.steps.map((step) => step.file)).toEqual(['entry.json', 'entry.json', 'brand.json']);
  });

  it('a walk that stays in the flow reported on reads as it does when the flow is linted alone, with no file names', () => {
    const strandedBrand: Flow = { name: 'Brand', entry: 'hours', nodes: { hours: { kind: 'say', prompt: 'We are closed.', next: 'bye' }, bye: { kind: 'hangup' } } };
    const alone = lintFlow(strandedBrand, { file: 'brand.json' }).findings.find((f) => f.ruleId === 'human-unreachable');
    const [, brand] = lintLine([
      { file: 'entry.json', flow: entryFlow },
      { file: 'brand.json', flow: strandedBrand },
    ]);
    const inLine = brand!.findings.find((f) => f.ruleId === 'human-unreachable');
    expect(toWords(inLine!.path!)).toBe('hours (hang up)');
    expect(inLine!.path).toEqual(alone!.path);
  });

  it('a walk into another flow ends where it would in that flow alone: at the step after which the call only ends', () => {
    // "We are closed." then a hang-up: the call ends from `hours`, so the walk stops there, not at the flow boundary.
    const closing: Flow = { name: 'Brand', entry: 'hours', nodes: { hours: { kind: 'say', prompt: 'We are closed.', next: 'bye' }, bye: { kind: 'hangup' } } };
    const alone = lintFlow(closing, { file: 'brand.json' }).findings.find((f) => f.ruleId === 'human-unreachable');
    const [entry] = lintLine([
      { file: 'entry.json', flow: entryFlow },
      { file: 'brand.json', flow: closing },
    ]);
    const crossing = entry!.findings.find((f) => f.ruleId === 'human-unreachable');
    expect(toWords(alone!.path!)).toBe('hours (hang up)');
    expect(toWords(crossing!.path!).endsWith(`brand.json:${toWords(alone!.path!)}`)).toBe(true);
  });

  it('a loop across two flows is an endless loop', () => {
    const ping: Flow = { name: 'Ping', entry: 'go', nodes: { go: { kind: 'goto', flow: 'pong', on: { failed: 't' } }, t: TRANSFER, vm: VOICEMAIL } };
    const pong: Flow = { name: 'Pong', entry: 'back', nodes: { back: { kind: 'say', prompt: 'One moment.', next: 'go' }, go: { kind: 'goto', flow: 'ping' } } };
    const [pingResult, pongResult] = lintLine([
      { file: 'ping.json', flow: ping },
      { file: 'pong.json', flow: pong },
    ]);
    const loops = [...pingResult!.findings, ...pongResult!.findings].filter((f) => f.ruleId === 'endless-loop');
    expect(loops.length).toBeGreaterThan(0);
    expect(loops[0]!.path!.steps.some((step) => step.file === 'pong.json')).toBe(true);
  });

  it('every flow\'s entry is a start of the line: a flow others link to is still checked from its own entry', () => {
    const strandedBrand: Flow = { name: 'Brand', entry: 'hours', nodes: { hours: { kind: 'say', prompt: 'We are closed.', next: 'bye' }, bye: { kind: 'hangup' } } };
    const [, brand] = lintLine([
      { file: 'entry.json', flow: entryFlow },
      { file: 'brand.json', flow: strandedBrand },
    ]);
    expect(ids(brand!)).toContain('human-unreachable@hours');
  });
});

describe('a line finding names nodes as the user wrote them', () => {
  const brand: Flow = { name: 'Brand', entry: 'hours', nodes: { hours: { kind: 'say', prompt: 'Connecting you.', next: 't' }, t: TRANSFER, vm: VOICEMAIL, bye: { kind: 'hangup' } } };

  it('a node of the finding\'s own file by its id, a node of another file by file and id', () => {
    const linking: Flow = {
      ...entryFlow,
      nodes: {
        ...entryFlow.nodes,
        main: { kind: 'menu', prompt: 'For an agent press 0.', options: [{ key: '0', next: 'to-brand' }], noInput: { next: 'bye' }, noMatch: { next: 'to-brand' } },
        'to-brand': { kind: 'goto', flow: 'brand', node: 'bye', on: { failed: 'vm' } },
        bye: { kind: 'hangup' },
      },
    };
    const [entry] = lintLine([
      { file: 'flows/entry.json', flow: linking },
      { file: 'flows/brand.json', flow: brand },
    ]);
    const messages = entry!.findings.filter((f) => f.ruleId === 'dead-end').map((f) => f.message);
    expect(messages).toEqual([
      'The "no input" route leads to "bye", which ends the call before the caller reached a person.',
      'The "to flow brand" route leads to "flows/brand.json:bye", which ends the call before the caller reached a person.',
    ]);
  });

  it('the first menu is named by its id in its own file', () => {
    const menuBrand: Flow = {
      name: 'Brand',
      entry: 'hours',
      nodes: { hours: { kind: 'menu', prompt: 'Press 1 for sales.', options: [{ key: '1', next: 't' }], noInput: { next: 't' }, noMatch: { next: 't' } }, t: TRANSFER, vm: VOICEMAIL },
    };
    const [entry] = lintLine(
      [
        { file: 'entry.json', flow: entryFlow },
        { file: 'brand.json', flow: menuBrand },
      ],
      { config: { rules: { 'human-option-first-menu': 'error' } } },
    );
    expect(entry!.findings.find((f) => f.ruleId === 'human-option-first-menu')?.message).toMatch(/^Menu "main" is the first/);
  });

  it('a loop across two flows is told with each file\'s nodes', () => {
    const ping: Flow = { name: 'Ping', entry: 'go', nodes: { go: { kind: 'goto', flow: 'pong', on: { failed: 't' } }, t: TRANSFER, vm: VOICEMAIL } };
    const pong: Flow = { name: 'Pong', entry: 'back', nodes: { back: { kind: 'say', prompt: 'One moment.', next: 'go' }, go: { kind: 'goto', flow: 'ping' } } };
    const results = lintLine([
      { file: 'ping.json', flow: ping },
      { file: 'pong.json', flow: pong },
    ]);
    const loops = results.flatMap((result) => result.findings.filter((f) => f.ruleId === 'endless-loop').map((f) => `${result.file} ${f.message}`));
    expect(loops).not.toEqual([]);
    for (const loop of loops) {
      expect(loop).not.toMatch(/\bp[io]ng:/);
      expect(loop).toMatch(/ping\.json:go|pong\.json:back/);
    }
  });
});
