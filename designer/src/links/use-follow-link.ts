import { useCallback } from 'react';
import type { DesignerStore } from '../stores/designer-store.ts';
import { useDesignerStore } from '../stores/designer-context.tsx';
import { useFilesStore } from '../stores/files-context.tsx';
import { toFlowAddress } from '../model/flow-address.ts';
import { confirmDiscard } from './confirm-discard.ts';

/** Points the current history entry at the open flow (and `nodeId`), without a new entry. */
export function replaceAddress(designer: DesignerStore, nodeId?: string): void {
  const { flowId } = designer.getState();
  if (flowId !== null) window.history.replaceState(null, '', toFlowAddress(flowId, nodeId));
}

/**
 * Follows a goto node to the flow it links to, as opening that flow from the list does (unsaved edits
 * need a yes), in a new history entry: Back returns to the goto node.
 */
export function useFollowLink(): (fromNodeId: string, link: { flow: string; node?: string }) => void {
  const designer = useDesignerStore();
  const files = useFilesStore();
  return useCallback(
    (fromNodeId, link) => {
      const leaving = link.flow !== designer.getState().flowId;
      // a flow the runtime does not have: the notice says so, and the edits stay without a question
      if (!files.getState().flows.some((entry) => entry.id === link.flow)) return void files.getState().openAt(link.flow, null);
      if (leaving && !confirmDiscard(designer.getState().dirty)) return;
      replaceAddress(designer, fromNodeId);
      // pushState fires no hashchange: the flow is opened here, once
      window.history.pushState(null, '', toFlowAddress(link.flow, link.node));
      void files.getState().openAt(link.flow, link.node ?? null).then((ok) => ok || window.history.back());
    },
    [designer, files],
  );
}
