import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { FilesStore } from '../stores/files-store.ts';
import type { DesignerStore } from '../stores/designer-store.ts';

const DEFAULT_FLOW = 'bank';

const getAddressFlowId = () => new URLSearchParams(window.location.hash.slice(1)).get('flow');

/**
 * The open flow lives in the address (`#flow=bank`), so a reload reopens it.
 * With none named, the bank example opens, else the first flow of the folder.
 */
export function useOpenFlowFromAddress(designer: DesignerStore, files: FilesStore): void {
  const flows = useStore(files, (state) => state.flows);
  const flowId = useStore(designer, (state) => state.flowId);
  const opened = useRef(false);

  useEffect(() => {
    if (opened.current || flows.length === 0) return;
    opened.current = true;
    const wanted = getAddressFlowId();
    const ids = flows.map((entry) => entry.id);
    const id = wanted !== null && ids.includes(wanted) ? wanted : ids.includes(DEFAULT_FLOW) ? DEFAULT_FLOW : ids[0]!;
    void files.getState().open(id);
  }, [flows, files]);

  useEffect(() => {
    if (flowId !== null && getAddressFlowId() !== flowId) window.history.replaceState(null, '', `#flow=${encodeURIComponent(flowId)}`);
  }, [flowId]);
}
