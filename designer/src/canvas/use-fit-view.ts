import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { getFitViewport, type Rect } from '../model/fit-view.ts';

const FIT_LIMITS = { padding: 24, minZoom: 0.1, maxZoom: 1 } as const;

/**
 * Zoom to fit that leaves the minimap and the zoom buttons over empty canvas:
 * React Flow's own fitView pads evenly and lets them cover cards.
 */
export function useFitView(): (options?: { duration?: number }) => void {
  const storeApi = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback(
    (options = {}) => {
      const { domNode, nodeLookup, width, height } = storeApi.getState();
      if (domNode === null) return;
      const nodes: Rect[] = [];
      for (const node of nodeLookup.values()) {
        if (node.hidden) continue;
        const { x, y } = node.internals.positionAbsolute;
        nodes.push({ x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 });
      }
      const origin = domNode.getBoundingClientRect();
      // React Flow draws the minimap, the controls and its attribution as panels over the canvas
      const overlays = [...domNode.querySelectorAll('.react-flow__panel')].map((panel) => {
        const box = panel.getBoundingClientRect();
        return { x: box.x - origin.x, y: box.y - origin.y, width: box.width, height: box.height };
      });
      const viewport = getFitViewport(nodes, { width, height }, overlays, FIT_LIMITS);
      if (viewport) void setViewport(viewport, options);
    },
    [storeApi, setViewport],
  );
}
