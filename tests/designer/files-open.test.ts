import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../core/schema/flow.ts';
import { api } from '../../designer/src/api/api-client.ts';
import { createDesignerStore } from '../../designer/src/stores/designer-store.ts';
import { createFilesStore } from '../../designer/src/stores/files-store.ts';

// Opening a flow by its address, and flows opened one after another faster than their files come
// back (back pressed twice, a flow chosen while a large one loads): the one asked for last is on screen.

const readFlow = (file: string) => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Flow;
const BANK = readFlow('../../flows/bank.json');
const FRONT_DESK = readFlow('../fixtures/browser/front-desk.json');

/** The runtime's flow list, as the API answers it, of published flows with these ids. */
const listed = (ids: string[]) => ids.map((id) => ({ id, name: id, published: true, draft: false, errorCount: 0, warningCount: 0 }));

/** The API's answer for an opened flow: the bank, else the front desk. */
const toOpened = (id: string) => ({ id, flow: id === 'bank' ? BANK : FRONT_DESK, source: 'published', lint: { findings: [], errorCount: 0, warningCount: 0, stats: null } }) as never;

describe('opening one flow while another loads', () => {
  it('opens the flow asked for last, whichever file comes back first', async () => {
    vi.spyOn(api, 'listFlows').mockResolvedValue(listed(['bank', 'front-desk']));
    // each file comes back when the test says so (the front desk's link fetches the bank too)
    const waiting: Array<{ id: string; answer: () => void }> = [];
    vi.spyOn(api, 'openFlow').mockImplementation(
      (id) =>
        new Promise((resolve) => {
          waiting.push({ id, answer: () => resolve(toOpened(id)) });
        }),
    );
    /** Every file of that flow asked for so far comes back. */
    const answer = (id: string) => {
      for (const each of waiting.filter((call) => call.id === id)) each.answer();
      waiting.splice(0, waiting.length, ...waiting.filter((call) => call.id !== id));
    };
    const store = createDesignerStore();
    const files = createFilesStore(store);
    await files.getState().refresh();
    // the bank is asked for first (a large flow, say), then the front desk, whose file comes back first
    const bank = files.getState().open('bank');
    const frontDesk = files.getState().openAt('front-desk', 'welcome');
    await vi.waitFor(() => expect(waiting.map(({ id }) => id)).toEqual(['bank', 'front-desk']));
    expect(files.getState().opening).toBe('front-desk');
    answer('front-desk');
    expect(await frontDesk).toBe(true);
    answer('bank');
    expect(await bank).toBe(true);
    expect(store.getState().flowId).toBe('front-desk');
    expect(store.getState().selection.nodeIds).toEqual(['welcome']);
    expect(files.getState().opening).toBeNull();
    expect(files.getState().notice).toBeNull();

    // asked for again while another flow is on its way, the flow on screen opens anew; the last asked for stays
    const frontDeskAgain = files.getState().open('front-desk');
    await vi.waitFor(() => expect(files.getState().opening).toBe('front-desk'));
    const bankAgain = files.getState().openAt('bank', null);
    await vi.waitFor(() => expect(files.getState().opening).toBe('bank'));
    answer('bank');
    await bankAgain;
    answer('front-desk');
    await frontDeskAgain;
    expect(store.getState().flowId).toBe('bank');
    vi.restoreAllMocks();
  });

  it('a flow asked for while the list is fetched again for an earlier one opens, and the earlier one does not', async () => {
    const list = vi.spyOn(api, 'listFlows').mockResolvedValue(listed(['bank']));
    vi.spyOn(api, 'openFlow').mockImplementation(async (id) => toOpened(id));
    const store = createDesignerStore();
    const files = createFilesStore(store);
    await files.getState().refresh();
    let listAgain: () => void = () => undefined;
    list.mockImplementation(() => new Promise((resolve) => (listAgain = () => resolve(listed(['bank', 'front-desk'])))));
    // the front desk, made a moment ago, is not in the list yet: the list is fetched again before it opens
    const frontDesk = files.getState().openAt('front-desk', null);
    expect(files.getState().opening).toBe('front-desk');
    const bank = files.getState().open('bank');
    expect(await bank).toBe(true);
    listAgain();
    expect(await frontDesk).toBe(true);
    expect(store.getState().flowId).toBe('bank');
    expect(files.getState().opening).toBeNull();
    vi.restoreAllMocks();
  });
});

describe('opening a flow by its address', () => {
  it('asks the runtime again for a flow its list does not have yet (made elsewhere since), and refuses only one the runtime lacks', async () => {
    const list = vi.spyOn(api, 'listFlows').mockResolvedValue(listed(['bank']));
    vi.spyOn(api, 'openFlow').mockImplementation(async (id) => toOpened(id));
    const store = createDesignerStore();
    const files = createFilesStore(store);
    await files.getState().refresh();
    list.mockResolvedValue(listed(['bank', 'front-desk']));
    expect(await files.getState().openAt('front-desk', null)).toBe(true);
    expect(store.getState().flowId).toBe('front-desk');
    expect(await files.getState().openAt('old-clinic', null)).toBe(false);
    expect(store.getState().flowId).toBe('front-desk');
    expect(files.getState().notice?.text).toContain('old-clinic is not among the runtime');
    vi.restoreAllMocks();
  });
});
