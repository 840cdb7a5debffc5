import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintLine } from '../../core/lint/line.ts';
import type { Finding } from '../../core/lint/types.ts';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import type { LinkedFlows } from '../../designer/src/model/line.ts';
import { replayAll, replayNextStep, startReplay, type Replay } from '../../designer/src/simulator/replay.ts';
import { getStatusText } from '../../designer/src/simulator/call-status.ts';

// A counterexample that crosses the flows of a line plays on the simulated phone through the
// goto, as a simulated call goes on in the linked flow: the conditions in the linked flow are
// steered as the path goes, and a goto the path has fail stays put for "flow failed".

/** Wednesday 11 March 2026, 12:00 in Madrid: the brand is open, so its "closed" route needs a steered time. */
const OPEN = new Date('2026-03-11T11:00:00Z');

const shop = FlowSchema.parse({
  name: 'Shop',
  entry: 'main',
  nodes: {
    main: {
      kind: 'menu',
      prompt: 'For the brand, press 1. For the outlet, press 2. For the desk, press 0.',
      options: [
        { key: '1', next: 'to_brand' },
        { key: '2', next: 'to_outlet' },
        { key: '0', next: 'desk' },
      ],
      noInput: { next: 'to_brand' },
      noMatch: { next: 'desk' },
    },
    to_brand: { kind: 'goto', flow: 'brand', on: { failed: 'desk' } },
    // no "flow failed" route: a dead end the linter walks through the goto's failure
    to_outlet: { kind: 'goto', flow: 'outlet' },
    desk: { kind: 'transfer', to: { number: '+34910000000' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
});

/** The brand: open on weekdays in Madrid, else it says it is closed and hangs up. */
const brand = FlowSchema.parse(JSON.parse(readFileSync(new URL('../fixtures/line/brand.json', import.meta.url), 'utf8')));

const outlet = FlowSchema.parse({
  name: 'Outlet',
  entry: 'agent',
  nodes: {
    agent: { kind: 'transfer', to: { number: '+34910000002' }, on: { busy: 'vm', noAnswer: 'vm', failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
});

const linked: LinkedFlows = new Map<string, Flow | null>([
  ['brand', brand],
  ['outlet', outlet],
]);

/** The shop's findings as the designer shows them: the shop linted with the flows it links to. */
const [shopResult] = lintLine([
  { file: 'shop.json', flow: shop },
  { file: 'brand.json', flow: brand },
  { file: 'outlet.json', flow: outlet },
]);
const findingAt = (ruleId: string, nodeId: string): Finding => shopResult!.findings.find((f) => f.ruleId === ruleId && f.nodeId === nodeId)!;

const replay = (finding: Finding, line: LinkedFlows = linked): Replay =>
  startReplay(shop, { path: finding.path!, ruleId: finding.ruleId, message: finding.message }, { now: OPEN, random: () => 0.5, line: { flowId: 'shop', linked: line } });
const texts = (played: Replay) => played.session.transcript.map((line) => ('text' in line ? line.text : line.url));

describe('replaying a counterexample that crosses the flows of a line', () => {
  it('the silent caller goes through the goto into the brand, which is steered closed, and hangs up there', () => {
    const silent = findingAt('silent-caller', 'main');
    expect(silent.path!.steps.map((step) => `${step.file}:${step.nodeId}`)).toEqual(['shop.json:main', 'shop.json:to_brand', 'brand.json:hours', 'brand.json:closed']);

    const started = replay(silent);
    expect(started.stepNames).toEqual(['main', 'to_brand', 'brand.json:hours', 'brand.json:closed']);
    expect(started.status).toBe('playing');
    const played = replayAll(started);
    expect(played.problem).toBeUndefined();
    expect(played.status).toBe('done');
    expect(played.session.walk.map((node) => `${node.flowId ?? 'shop'}:${node.nodeId}`)).toEqual(['shop:main', 'shop:to_brand', 'brand:hours', 'brand:closed', 'brand:bye']);
    // the time was moved so that the brand's condition, in the linked flow, goes the path's way
    expect(texts(played)).toContain('Continues in flow brand');
    expect(texts(played).some((text) => /^Simulated time set to .* so that Brand open\? is closed$/.test(text))).toBe(true);
    expect(texts(played)).toContain('The brand is closed.');
    expect(getStatusText(played.session)).toMatch(/in flow brand/);
  });

  it('a path that has the linked flow fail stays at the goto and takes "flow failed", though the line has that flow', () => {
    const deadEnd = findingAt('dead-end', 'to_outlet');
    expect(deadEnd.path!.steps.map((step) => step.exitId)).toEqual(['options.1.next', 'on.failed']);
    const first = replayNextStep(replay(deadEnd));
    expect(first.status).toBe('playing');
    expect(first.session.step.wait).toMatchObject({ kind: 'link', nodeId: 'to_outlet', flowId: 'outlet' });
    expect(first.session.linkedInto).toEqual([]);
    const played = replayAll(first);
    expect(played.problem).toBeUndefined();
    expect(played.status).toBe('done');
    expect(played.session.step.wait).toMatchObject({ kind: 'end', reason: 'unconnected' });
    expect(played.session.walk.map((node) => node.nodeId)).toEqual(['main', 'to_outlet']);
  });

  it('stops at the goto, saying so, when the linked flow is not loaded', () => {
    const played = replayAll(replay(findingAt('silent-caller', 'main'), new Map()));
    expect(played.status).toBe('diverged');
    expect(played.problem).toBe("to_brand: the call continues in flow brand, which the designer is still loading: the linked flow cannot start here until it is loaded");
  });
});
