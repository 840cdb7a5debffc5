import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { getFitViewport, getOpeningViewport, type Rect } from '../model/fit-view.ts';
import { LEGIBLE_ZOOM } from './view-options.ts';

const FIT_LIMITS = { padding: 24, minZoom: 0.1, maxZoom: 1 } as const;

export interface FitOptions {
  duration?: number;
  /** opening a flow: the entry's node id, which the view shows at a legible zoom when the whole flow would not be legible */
  opening?: string;
}

/**
 * Zoom to fit that leaves the minimap and the zoom buttons over empty canvas:
 * React Flow's own fitView pads evenly and lets them cover cards.
 */
export function useFitView(): (options?: FitOptions) => void {
  const storeApi = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback(
    (options = {}) => {
      const { domNode, nodeLookup, width, height } = storeApi.getState();
      if (domNode === null) return;
      const nodes: Rect[] = [];
      let entry: Rect | undefined;
      for (const node of nodeLookup.values()) {
        if (node.hidden) continue;
        const { x, y } = node.internals.positionAbsolute;
        const rect = { x, y, width: node.measured.width ?? node.width ?? 0, height: node.measured.height ?? node.height ?? 0 };
        nodes.push(rect);
        if (node.id === options.opening) entry = rect;
      }
      const origin = domNode.getBoundingClientRect();
      // React Flow draws the minimap, the controls and its attribution as panels over the canvas
      const overlays = [...domNode.querySelectorAll('.react-flow__panel')].map((panel) => {
        const box = panel.getBoundingClientRect();
        return { x: box.x - origin.x, y: box.y - origin.y, width: box.width, height: box.height };
      });
      const fitted = getFitViewport(nodes, { width, height }, overlays, FIT_LIMITS);
      if (!fitted) return;
      const viewport = options.opening === undefined ? fitted : getOpeningViewport(fitted, entry, { width, height }, LEGIBLE_ZOOM);
      void setViewport(viewport, { duration: options.duration });
    },
    [storeApi, setViewport],
  );
}
