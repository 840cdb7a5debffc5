import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { api } from '../../designer/src/api/api-client.ts';
import { createDesignerStore, type DesignerStore } from '../../designer/src/stores/designer-store.ts';
import { createFilesStore } from '../../designer/src/stores/files-store.ts';

// The open flow is judged within its line: a goto to a flow the runtime has is no missing
// target, and the guarantee follows the call into that flow. While the linked flows load, the
// designer says it is checking the line and reports nothing about the links it cannot judge yet.

const readFlow = (file: string) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Flow;
const BANK = readFlow('../../flows/bank.json');
const FRONT_DESK = readFlow('../fixtures/browser/front-desk.json');

/** A flow whose only person is in the linked flow: alone, no caller reaches anyone. */
const HAND_OFF: Flow = {
  name: 'Hand-off',
  entry: 'to_bank',
  nodes: {
    to_bank: { kind: 'goto', flow: 'bank', on: { failed: 'vm' } },
    vm: { kind: 'voicemail', prompt: 'Leave a message.' },
  },
} as Flow;

/** A flow with no person anywhere. */
const NOBODY: Flow = { name: 'Nobody', entry: 'bye', nodes: { bye: { kind: 'hangup', prompt: 'Goodbye.' } } } as Flow;

const findingsOf = (store: DesignerStore, ruleId: string) => store.getState().findings.filter((finding) => finding.ruleId === ruleId);
const nodesOf = (store: DesignerStore, ruleId: string) => findingsOf(store, ruleId).map((finding) => finding.nodeId);

describe('the open flow linted within its line', () => {
  it('reports the goto to a flow the runtime lacks, not the one to a flow it has', () => {
    const store = createDesignerStore({ flowId: 'front-desk', flow: FRONT_DESK });
    store.getState().setLinkedFlows(new Map([['bank', BANK], ['old-clinic', null]]));
    expect(nodesOf(store, 'missing-target')).toEqual(['to_clinic']);
    // in the runtime's words: the designer's line is the runtime's flows, not files on a command line
    expect(findingsOf(store, 'missing-target')[0]!.message).toBe(
      'The "to flow old-clinic" route continues in flow "old-clinic", which the runtime does not have (or cannot read as a flow): create that flow, or send the goto elsewhere.',
    );
    expect(store.getState().lineStatus).toBe('checked');
  });

  it('judges the guarantee across the link: a person in the linked flow counts, none there does not', () => {
    const store = createDesignerStore({ flowId: 'hand-off', flow: HAND_OFF });
    store.getState().setLinkedFlows(new Map([['bank', BANK]]));
    expect(store.getState().verdict).toMatch(/every caller reaches a person/i);
    expect(nodesOf(store, 'human-unreachable')).toEqual([]);
    expect(store.getState().errorCount).toBe(0);

    store.getState().setLinkedFlows(new Map([['bank', NOBODY]]));
    expect(nodesOf(store, 'human-unreachable')).toEqual(['to_bank']);
  });

  it('while the linked flows load, says it is checking the line and reports no link as missing', () => {
    const store = createDesignerStore({ flowId: 'front-desk', flow: FRONT_DESK });
    expect(store.getState().lineStatus).toBe('checking');
    expect(nodesOf(store, 'missing-target')).toEqual([]);
    expect(store.getState().verdict).toMatch(/checking the line/i);
  });

  it('keeps the linked flows across edits: a new goto target is checking until it is loaded', () => {
    const store = createDesignerStore({ flowId: 'hand-off', flow: HAND_OFF });
    store.getState().setLinkedFlows(new Map([['bank', BANK]]));
    store.getState().updateNode('vm', { prompt: 'Leave a message, please.' });
    expect(store.getState().lineStatus).toBe('checked');
    store.getState().updateNode('to_bank', { flow: 'clinic' });
    expect(store.getState().lineStatus).toBe('checking');
    expect(store.getState().unloadedLinks).toEqual(['clinic']);
  });

  it('a flow without links is linted alone, as before', () => {
    const store = createDesignerStore({ flowId: 'bank', flow: BANK });
    expect(store.getState().lineStatus).toBe('alone');
    expect(store.getState().errorCount).toBe(0);
  });
});

describe('the linked flows the files store fetches', () => {
  const listed = (ids: string[]) => ids.map((id) => ({ id, name: id, published: true, draft: false, errorCount: 0, warningCount: 0 }));

  it('fetches each linked flow once per open, not on later edits, and never asks for one the runtime does not list', async () => {
    const asked: string[] = [];
    vi.spyOn(api, 'listFlows').mockResolvedValue(listed(['bank', 'front-desk']));
    vi.spyOn(api, 'openFlow').mockImplementation(async (id) => {
      asked.push(id);
      return { id, flow: id === 'bank' ? BANK : FRONT_DESK, source: 'published', lint: { findings: [], errorCount: 0, warningCount: 0, stats: null } } as never;
    });
    const store = createDesignerStore();
    const files = createFilesStore(store);
    await files.getState().refresh();
    await files.getState().open('front-desk');
    await vi.waitFor(() => expect(store.getState().lineStatus).toBe('checked'));
    expect(nodesOf(store, 'missing-target')).toEqual(['to_clinic']);
    for (const prompt of ['W', 'We', 'Wel']) store.getState().updateNode('welcome', { prompt }, { typing: true });
    store.getState().updateNode('to_clinic', { flow: 'bank' });
    expect(store.getState().lineStatus).toBe('checked');
    expect(asked).toEqual(['front-desk', 'bank']);
    vi.restoreAllMocks();
  });
});
