import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { FilesStore } from '../stores/files-store.ts';
import type { DesignerStore } from '../stores/designer-store.ts';
import { readFlowAddress, toFlowAddress } from '../model/flow-address.ts';
import { confirmDiscard } from '../links/confirm-discard.ts';
import { replaceAddress } from '../links/use-follow-link.ts';

const DEFAULT_FLOW = 'bank';

const getAddress = () => readFlowAddress(window.location.hash);

/**
 * The open flow lives in the address (`#flow=bank`, `&node=main_menu` for a node of it), so a reload
 * reopens it, and back, forward and an address typed after load open theirs. With none named, the bank
 * example opens, else the first flow of the folder.
 */
export function useOpenFlowFromAddress(designer: DesignerStore, files: FilesStore): void {
  const flows = useStore(files, (state) => state.flows);
  const flowId = useStore(designer, (state) => state.flowId);
  const opened = useRef(false);

  useEffect(() => {
    if (opened.current || flows.length === 0) return;
    opened.current = true;
    const wanted = getAddress();
    const ids = flows.map((entry) => entry.id);
    if (wanted.flowId !== null && ids.includes(wanted.flowId)) {
      void (wanted.nodeId === null ? files.getState().open(wanted.flowId) : files.getState().openAt(wanted.flowId, wanted.nodeId));
      return;
    }
    void files.getState().open(ids.includes(DEFAULT_FLOW) ? DEFAULT_FLOW : ids[0]!);
  }, [flows, files]);

  useEffect(() => {
    const onHashChange = () => {
      const { flowId: wanted, nodeId } = getAddress();
      if (wanted === null) return;
      const { flowId: openId, dirty } = designer.getState();
      // the flow on screen, unless another is on its way to replace it
      if (wanted === (files.getState().opening ?? openId)) {
        if (nodeId !== null) void files.getState().openAt(wanted, nodeId);
        return;
      }
      // Declined: the address goes back to the flow still on screen, edits kept.
      if (!confirmDiscard(dirty)) replaceAddress(designer);
      else void files.getState().openAt(wanted, nodeId).then((ok) => ok || replaceAddress(designer));
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [designer, files]);

  useEffect(() => {
    if (flowId !== null && getAddress().flowId !== flowId) window.history.replaceState(null, '', toFlowAddress(flowId));
  }, [flowId]);
}
