import { describe, expect, it } from 'vitest';
import type { NodeAnalytics } from '../../core/designer-api/types.ts';
import { getEdgeCalls, getNodeRates, HEAT_FULL_SHARE, toEdgeWidth, toHeatColour, EDGE_WIDTH } from '../../designer/src/model/heat-scale.ts';
import { describeOutcome, formatClock, formatDuration, formatScore, formatShare } from '../../designer/src/model/insights-words.ts';
import { formatOffset, toTimelineLines } from '../../designer/src/model/call-timeline.ts';
import { FlowSchema } from '../../core/schema/flow.ts';
import { readFileSync } from 'node:fs';
import {
  getRecentDays,
  NO_FILTERS,
  toCallUrl,
  parseTargetSeconds,
  toAnalyticsUrl,
  toCallsCsvUrl,
  toCallsUrl,
  toNodesCsvUrl,
  toRange,
} from '../../designer/src/model/insights-query.ts';

// The pure side of the calls list, the dashboard and the canvas overlay: the
// words each figure prints, the heat scale, and the URLs each filter asks.

const hue = (colour: string) => Number(/^hsl\((\d+) /.exec(colour)?.[1]);
const localMidnight = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();

describe('the figures in words', () => {
  it('prints durations as a person reads them, and a dash for none', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45.4)).toBe('45 s');
    expect(formatDuration(59.6)).toBe('1 min 00 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3600 + 125)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-3)).toBe('—');
  });

  it('prints shares as percentages, small ones with a decimal, none without a whole', () => {
    expect(formatShare(1, 4)).toBe('25%');
    expect(formatShare(2, 3)).toBe('67%');
    expect(formatShare(1, 500)).toBe('0.2%');
    expect(formatShare(0, 10)).toBe('0%');
    expect(formatShare(3, 0)).toBe('—');
    expect(formatScore(4.25)).toBe('4.3');
    expect(formatScore(null)).toBe('—');
  });

  it('says where a caller hung up', () => {
    expect(describeOutcome({ outcome: 'hungUp', endNodeId: 'main_menu' })).toBe('Hung up at main_menu');
    expect(describeOutcome({ outcome: 'hungUp', endNodeId: null })).toBe('Hung up');
    expect(describeOutcome({ outcome: 'person', endNodeId: 'goodbye' })).toBe('Reached a person');
    expect(describeOutcome({ outcome: 'fallback', endNodeId: null })).toBe('Runtime fallback');
  });
});

describe('the heat scale', () => {
  it('goes from green with nobody lost to red at a third lost, and stays red beyond', () => {
    expect(hue(toHeatColour(0))).toBe(130);
    expect(hue(toHeatColour(HEAT_FULL_SHARE / 2))).toBe(65);
    expect(hue(toHeatColour(HEAT_FULL_SHARE))).toBe(0);
    expect(toHeatColour(0.9)).toBe(toHeatColour(HEAT_FULL_SHARE));
    expect(toHeatColour(Number.NaN)).toBe(toHeatColour(0));
    // more drop-off is never greener
    const shares = [0, 0.05, 0.1, 0.2, 0.3, 0.5];
    const hues = shares.map((share) => hue(toHeatColour(share)));
    expect([...hues].sort((a, b) => b - a)).toEqual(hues);
  });

  it('widens an edge with the share of calls taking it', () => {
    expect(toEdgeWidth(0, 100)).toBe(EDGE_WIDTH.min);
    expect(toEdgeWidth(100, 100)).toBe(EDGE_WIDTH.max);
    expect(toEdgeWidth(50, 100)).toBeCloseTo((EDGE_WIDTH.min + EDGE_WIDTH.max) / 2, 1);
    expect(toEdgeWidth(5, 0)).toBe(EDGE_WIDTH.min);
    expect(toEdgeWidth(150, 100)).toBe(EDGE_WIDTH.max);
  });

  it('gives each node its rates over its visits, and sums calls per pair of nodes', () => {
    const node: NodeAnalytics = { visits: 40, dropOffs: 10, zeroOuts: 4, noInputs: 8, noMatches: 2, medianStepsToPerson: 2, medianSecondsToPerson: 95 };
    expect(getNodeRates(node)).toEqual({ dropOff: 0.25, zeroOut: 0.1, noInput: 0.2, noMatch: 0.05 });
    expect(getNodeRates({ ...node, visits: 0 })).toEqual({ dropOff: 0, zeroOut: 0, noInput: 0, noMatch: 0 });
    const calls = getEdgeCalls([
      { from: 'menu', to: 'queue', calls: 3 },
      { from: 'menu', to: 'bye', calls: 2 },
      { from: 'menu', to: 'queue', calls: 1 },
    ]);
    expect(calls.get('menu>queue')).toBe(4);
    expect(calls.get('menu>bye')).toBe(2);
  });
});

describe('the filters as the API asks them', () => {
  it('asks for the first page with only the filters set, days as local midnights, the last day included', () => {
    expect(toCallsUrl('bank', NO_FILTERS)).toBe('/api/flows/bank/calls?limit=50');
    const url = new URL(toCallsUrl('bank', { outcome: 'hungUp', fromDay: '2026-03-01', toDay: '2026-03-31', version: ' v7 ', showNumbers: false }), 'http://x');
    expect(url.pathname).toBe('/api/flows/bank/calls');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      outcome: 'hungUp',
      from: localMidnight(2026, 3, 1),
      to: localMidnight(2026, 4, 1),
      version: 'v7',
      limit: '50',
    });
  });

  it('asks for the next page by its cursor, and escapes the flow id', () => {
    const url = new URL(toCallsUrl('my flow', NO_FILTERS, { cursor: 'abc+/=', limit: 10 }), 'http://x');
    expect(url.pathname).toBe('/api/flows/my%20flow/calls');
    expect(url.searchParams.get('cursor')).toBe('abc+/=');
    expect(url.searchParams.get('limit')).toBe('10');
  });

  it('leaves out an outcome or a day that is not one', () => {
    expect(toCallsUrl('bank', { outcome: 'nonsense' as never, fromDay: '2026-13-45x', toDay: 'yesterday', version: '', showNumbers: false })).toBe('/api/flows/bank/calls?limit=50');
    expect(toRange('', '')).toEqual({});
  });

  it('asks for whole caller numbers in the list, its CSV and one call only when the designer asked for them', () => {
    const shown = { ...NO_FILTERS, showNumbers: true };
    expect(new URL(toCallsUrl('bank', shown), 'http://x').searchParams.get('numbers')).toBe('shown');
    expect(toCallsCsvUrl('bank', shown)).toBe('/api/flows/bank/calls.csv?numbers=shown');
    expect(toCallUrl('CA1', true)).toBe('/api/calls/CA1?numbers=shown');
    expect(toCallUrl('CA1', false)).toBe('/api/calls/CA1');
    expect(toCallsCsvUrl('bank', NO_FILTERS)).toBe('/api/flows/bank/calls.csv');
  });

  it('downloads the same calls as the list shows, and the node figures of the dashboard range', () => {
    const filters = { outcome: 'person' as const, fromDay: '2026-03-01', toDay: '', version: '', showNumbers: false };
    expect(toCallsCsvUrl('bank', filters)).toBe(`/api/flows/bank/calls.csv?outcome=person&from=${encodeURIComponent(localMidnight(2026, 3, 1))}`);
    const range = { fromDay: '2026-03-01', toDay: '2026-03-01', version: '', targetSeconds: 120 };
    const analytics = new URL(toAnalyticsUrl('bank', range), 'http://x');
    expect(analytics.pathname).toBe('/api/flows/bank/analytics');
    expect(Object.fromEntries(analytics.searchParams)).toEqual({ from: localMidnight(2026, 3, 1), to: localMidnight(2026, 3, 2), target: '120' });
    expect(toNodesCsvUrl('bank', range)).toBe(toAnalyticsUrl('bank', range).replace('/analytics?', '/analytics/nodes.csv?'));
  });

  it('takes a target of whole seconds up to twelve hours, and sends no other', () => {
    expect(parseTargetSeconds('180')).toBe(180);
    expect(parseTargetSeconds('0')).toBeUndefined();
    expect(parseTargetSeconds('2.5')).toBeUndefined();
    expect(parseTargetSeconds('99999')).toBeUndefined();
    expect(parseTargetSeconds('')).toBeUndefined();
    expect(toAnalyticsUrl('bank', { fromDay: '', toDay: '', version: '', targetSeconds: 0 })).toBe('/api/flows/bank/analytics');
  });

  it('opens on the last days up to today', () => {
    expect(getRecentDays(new Date(2026, 2, 10, 18), 30)).toEqual({ fromDay: '2026-02-09', toDay: '2026-03-10' });
    expect(getRecentDays(new Date(2026, 2, 10), 1)).toEqual({ fromDay: '2026-03-10', toDay: '2026-03-10' });
  });
});

describe('a recorded call in words', () => {
  const bank = FlowSchema.parse(JSON.parse(readFileSync(new URL('../../flows/bank.json', import.meta.url), 'utf8')));
  const timeline = [
    { type: 'nodeEntered' as const, nodeId: 'main_menu', at: '2026-03-10T15:00:00.000Z' },
    { type: 'input' as const, nodeId: 'main_menu', at: '2026-03-10T15:00:05.400Z' },
    { type: 'input' as const, nodeId: 'main_menu', digits: '0', at: '2026-03-10T15:00:09.000Z' },
    { type: 'outcome' as const, nodeId: 'agent_queue', outcome: 'answered', at: '2026-03-10T15:03:20.000Z' },
    { type: 'personReached' as const, nodeId: 'agent_queue', at: '2026-03-10T15:03:20.000Z' },
    { type: 'surveyScore' as const, nodeId: 'post_call_survey', score: 2, at: '2026-03-10T16:03:21.000Z' },
    { type: 'hangup' as const, reason: 'completed', at: '2026-03-10T16:03:25.000Z' },
  ];

  it('times each event from the start and says what happened, with the prompt of each node entered', () => {
    const lines = toTimelineLines(bank, timeline);
    expect(lines.map((line) => line.offset)).toEqual(['+0:00', '+0:05', '+0:09', '+3:20', '+3:20', '+1:03:21', '+1:03:25']);
    expect(lines[0]).toMatchObject({ kind: 'system' });
    expect(lines[0]!.text).toMatch(/^Main menu \(main_menu\): "For your account balance, press 1/);
    expect(lines.slice(1).map((line) => line.text)).toEqual([
      'Stayed silent at main_menu',
      'Pressed 0 at main_menu',
      'Customer service queue (agent_queue): answered',
      'Reached a person at agent_queue',
      'Survey score 2 of 5',
      'Call ended: completed',
    ]);
  });

  it("words a linked flow's nodes from that flow, as bank:main_menu, and the entry flow's again once the call comes back", () => {
    const shop = FlowSchema.parse({
      name: 'Shop',
      entry: 'main_menu',
      nodes: {
        main_menu: { kind: 'menu', label: 'Shop menu', prompt: 'For the bank, press 1.', options: [{ key: '1', next: 'to_bank' }], noInput: { next: 'to_bank' }, noMatch: { next: 'to_bank' } },
        to_bank: { kind: 'goto', flow: 'bank', node: 'main_menu', on: { failed: 'main_menu' } },
      },
    });
    const at = (second: number) => `2026-03-10T15:00:${String(second).padStart(2, '0')}.000Z`;
    const linkedTimeline = [
      { type: 'nodeEntered' as const, nodeId: 'main_menu', at: at(0) },
      { type: 'input' as const, nodeId: 'main_menu', digits: '1', at: at(3) },
      { type: 'flowLinked' as const, nodeId: 'to_bank', flowId: 'bank', versionId: 'b1', at: at(3) },
      { type: 'nodeEntered' as const, nodeId: 'main_menu', at: at(3) },
      { type: 'input' as const, nodeId: 'main_menu', digits: '9', at: at(8) },
      { type: 'flowLinked' as const, nodeId: 'back', flowId: 'shop', versionId: 's1', at: at(8) },
      { type: 'nodeEntered' as const, nodeId: 'main_menu', at: at(8) },
    ];
    const lines = toTimelineLines(shop, linkedTimeline, { flowId: 'shop', getLinked: (flowId, versionId) => (flowId === 'bank' && versionId === 'b1' ? bank : null) });
    expect(lines.map((line) => line.text.replace(/: ".*/, ''))).toEqual([
      'Shop menu (main_menu)',
      'Pressed 1 at main_menu',
      'to_bank: the call continues in flow bank (version b1)',
      // the bank's own menu, not the shop's of the same id
      'Main menu (bank:main_menu)',
      'Pressed 9 at bank:main_menu',
      'bank:back: the call continues in flow shop (version s1)',
      'Shop menu (main_menu)',
    ]);
    expect(lines[3]!.text).toMatch(/^Main menu \(bank:main_menu\): "For your account balance, press 1/);
  });

  it('names nodes by id when the version the call ran is gone', () => {
    expect(toTimelineLines(null, timeline.slice(0, 1))[0]!.text).toBe('main_menu');
    expect(formatOffset(-500)).toBe('+0:00');
    expect(formatClock(200)).toBe('3:20');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});
