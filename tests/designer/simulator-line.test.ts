import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowSchema, type Flow } from '../../core/schema/flow.ts';
import { getEnvironmentChoices, getSessionWaitText, getStatusText } from '../../designer/src/simulator/call-status.ts';
import type { LinkedFlows } from '../../designer/src/model/line.ts';
import { addLoadedFlows, applyEvent, getCurrentNodeId, getTrail, pressKey, startSession, type SimulatorSession } from '../../designer/src/simulator/simulator-session.ts';

// A simulated call through a line of flows: a goto hands the call to the linked flow the
// designer has loaded, as the runtime follows links, and says why where it cannot.

const bank = FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')));
/** Wednesday 11 March 2026, 11:00 in New York: the bank's customer service is open. */
const OPEN = new Date('2026-03-11T15:00:00Z');

/** The shop: its menu shares the bank's node id main_menu; 1 goes to the bank, 2 to a flow named by `gone`. */
const shop = FlowSchema.parse({
  name: 'Shop',
  entry: 'main_menu',
  nodes: {
    main_menu: {
      kind: 'menu',
      prompt: 'For the bank, press 1. For the other shop, press 2.',
      options: [
        { key: '1', next: 'to_bank' },
        { key: '2', next: 'to_other' },
      ],
      noInput: { next: 'desk' },
      noMatch: { next: 'desk' },
    },
    to_bank: { kind: 'goto', label: 'Bank menu', flow: 'bank', node: 'main_menu', on: { failed: 'desk' } },
    to_other: { kind: 'goto', label: 'Other shop', flow: 'other', on: { failed: 'desk' } },
    desk: { kind: 'transfer', to: { number: '+34910000000' }, on: { answered: 'bye' } },
    bye: { kind: 'hangup' },
  },
});

const callShop = (linked: LinkedFlows, flowId: string | null = 'shop'): SimulatorSession =>
  startSession(shop, { now: OPEN, random: () => 0.5, line: { flowId, linked } });
const texts = (session: SimulatorSession) => session.transcript.map((line) => ('text' in line ? line.text : line.url));

describe('a goto in the simulator, with the line loaded', () => {
  it('goes on in the linked flow at the goto\'s node, says so, and lights no node of the open flow', () => {
    const inBank = pressKey(callShop(new Map([['bank', bank]])), '1');
    expect(texts(inBank)).toContain('Continues in flow bank at main_menu');
    expect(texts(inBank).at(-1)).toMatch(/^For your account balance, press 1/);
    expect(getSessionWaitText(inBank)).toBe('Main menu is listening for keys or words');
    expect(getStatusText(inBank)).toBe('In call in flow bank');
    // the shop has a main_menu too: it is not where the call is
    expect(getCurrentNodeId(inBank)).toBeNull();
    expect(getTrail(inBank)).toEqual(['main_menu', 'to_bank']);
    expect(inBank.linkedInto).toEqual(['bank']);

    const onHold = pressKey(inBank, '0');
    const choice = getEnvironmentChoices(onHold.step.wait).find((c) => c.label === 'Agent answers');
    const answered = applyEvent(onHold, choice!.event);
    expect(getStatusText(answered)).toBe('Reached a person · In call in flow bank');
    expect(getTrail(answered)).toEqual(['main_menu', 'to_bank']);
  });

  it('a link back to the flow the call was placed on comes home, and the canvas shows it again', () => {
    const back = FlowSchema.parse({ name: 'Other', entry: 'home', nodes: { home: { kind: 'goto', flow: 'shop', node: 'desk', on: { failed: 'bye' } }, bye: { kind: 'hangup' } } });
    const home = pressKey(callShop(new Map([['other', back]])), '2');
    expect(texts(home)).toEqual(expect.arrayContaining(['Continues in flow other', 'Continues in flow shop at desk']));
    expect(getStatusText(home)).toBe('In call');
    expect(getCurrentNodeId(home)).toBe('desk');
  });

  it('stops links that go round without a wait, as the runtime gives up on them', () => {
    const loop = FlowSchema.parse({ name: 'Other', entry: 'again', nodes: { again: { kind: 'goto', flow: 'shop', node: 'to_other', on: { failed: 'bye' } }, bye: { kind: 'hangup' } } });
    const round = pressKey(callShop(new Map([['other', loop]])), '2');
    expect(texts(round).at(-1)).toBe('10 links in a row without a wait: the runtime sends such a call to a person');
    expect(round.linkedInto).toHaveLength(10);
  });
});

describe('a goto the simulator cannot follow offers the flow failing, saying why', () => {
  const atOther = (session: SimulatorSession) => {
    const at = pressKey(session, '2');
    expect(getEnvironmentChoices(at.step.wait).map((c) => c.label)).toEqual(['The linked flow cannot start']);
    expect(getCurrentNodeId(at)).toBe('to_other');
    return getSessionWaitText(at);
  };

  it('names a flow the runtime lacks', () => {
    expect(atOther(callShop(new Map([['other', null]])))).toBe('Other shop: the call continues in flow other, which the runtime does not have: the linked flow cannot start');
  });

  it('names a flow the designer is still loading', () => {
    expect(atOther(callShop(new Map()))).toBe('Other shop: the call continues in flow other, which the designer is still loading: the linked flow cannot start here until it is loaded');
  });

  it('names the node the linked flow lacks', () => {
    const small = FlowSchema.parse({ name: 'Other', entry: 'bye', nodes: { bye: { kind: 'hangup' } } });
    const flowWithoutEntry: Flow = { ...small, entry: 'gone' };
    expect(atOther(callShop(new Map([['other', flowWithoutEntry]])))).toBe('Other shop: the call continues in flow other, which has no node gone: the linked flow cannot start');
  });

  it('a replay, which has no line, stops at the goto as before', () => {
    expect(atOther(startSession(shop, { now: OPEN }))).toBe('Other shop: the call continues in flow other (not simulated here)');
  });
});

describe('a linked flow that finishes loading during the call', () => {
  it('a call waiting at the goto into it goes on there at once, as the runtime never waits for a flow to load', () => {
    const waiting = pressKey(callShop(new Map()), '1');
    expect(waiting.step.wait).toMatchObject({ kind: 'link', flowId: 'bank' });
    const loaded = addLoadedFlows(waiting, new Map([['bank', bank]]));
    expect(texts(loaded)).toContain('Continues in flow bank at main_menu');
    expect(getStatusText(loaded)).toBe('In call in flow bank');
    expect(loaded.linkedInto).toEqual(['bank']);
  });

  it('joins the line for a goto reached later, and keeps a flow the line had already', () => {
    const started = callShop(new Map([['other', null]]));
    const loaded = addLoadedFlows(started, new Map<string, Flow | null>([['bank', bank], ['other', bank]]));
    expect(loaded.options.line?.linked.get('other')).toBeNull();
    expect(getStatusText(pressKey(loaded, '1'))).toBe('In call in flow bank');
    // nothing new: the same session, so the panel does not redraw
    expect(addLoadedFlows(loaded, new Map([['bank', bank]]))).toBe(loaded);
  });
});
