import type { Flow } from '../../../core/schema/flow.ts';
import { FLOW_ID_PATTERN } from '../../../core/schema/flow-id.ts';
import { parseFlow } from '../../../core/schema/parse.ts';
import { api } from '../api/api-client.ts';
import type { DesignerStore } from './designer-store.ts';
import type { FilesStore } from './files-store.ts';

/**
 * Judges `designer`'s flow within its line: each linked flow the line still lacks is fetched from
 * the runtime once per open, when a link first names it (on open, or when a goto's flow is typed),
 * never again on later edits; answers for a flow opened since are dropped. Flows the store was
 * given already (a recorded call's versions) are kept. Returns a function that stops following.
 */
export function followLine(designer: DesignerStore, files: FilesStore): () => void {
  const requested = new Set<string>();
  let requestedFor = -1;

  async function fetchLinkedFlow(id: string): Promise<Flow | null> {
    // a flow the runtime does not list is not asked for (a 404 in the console for a link being typed is noise)
    if (!FLOW_ID_PATTERN.test(id) || !files.getState().flows.some((entry) => entry.id === id)) return null;
    try {
      const parsed = parseFlow((await api.openFlow(id)).flow);
      return parsed.ok ? parsed.flow : null;
    } catch {
      // not found, or not answered: the link is reported as going nowhere, which it may
      return null;
    }
  }

  function fetchLine(state: ReturnType<DesignerStore['getState']>): void {
    if (state.loadCount !== requestedFor) {
      requested.clear();
      requestedFor = state.loadCount;
    }
    const wanted = state.unloadedLinks.filter((id) => !requested.has(id));
    // until the runtime's list of flows is in, no link can be told missing
    if (wanted.length === 0 || files.getState().auth !== 'ok') return;
    for (const id of wanted) requested.add(id);
    const loadCount = state.loadCount;
    void Promise.all(wanted.map(async (id) => [id, await fetchLinkedFlow(id)] as const)).then((fetched) => {
      const current = designer.getState();
      if (current.loadCount !== loadCount) return;
      current.setLinkedFlows(new Map([...current.linkedFlows, ...fetched]));
    });
  }

  const stopDesigner = designer.subscribe(fetchLine);
  const stopFiles = files.subscribe((state, previous) => {
    if (state.flows !== previous.flows || state.auth !== previous.auth) fetchLine(designer.getState());
  });
  fetchLine(designer.getState());
  return () => {
    stopDesigner();
    stopFiles();
  };
}
