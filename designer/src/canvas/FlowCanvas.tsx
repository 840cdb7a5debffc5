import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { Map as MapIcon, X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { NodeKind } from '../../../core/schema/flow.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useUi } from '../stores/ui-context.tsx';
import { useInsights } from '../stores/insights-context.tsx';
import { useCoverageMarks } from '../stores/use-coverage-marks.ts';
import { CoverageLegend } from './CoverageLegend.tsx';
import { getEdgeCalls, toEdgeWidth } from '../model/heat-scale.ts';
import { formatShare } from '../model/insights-words.ts';
import { nodeTypes } from '../nodes/FlowNodeCard.tsx';
import { getNodeCategory } from '../nodes/node-looks.ts';
import { PALETTE_MIME } from '../palette/palette-drag.ts';
import { createCanvasDrawer } from '../model/to-canvas.ts';
import { COMPACT_BELOW_ZOOM, FIT_VIEW } from './view-options.ts';
import { useFitView } from './use-fit-view.ts';
import type { FlowCanvasEdge, FlowCanvasNode } from '../model/canvas-types.ts';
import { useFollowLink } from '../links/use-follow-link.ts';

const EDGE_MARKER = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
/** The overlay widens edges: a marker sized in canvas units keeps its arrow head from growing with them. */
const WIDE_EDGE_MARKER = { ...EDGE_MARKER, markerUnits: 'userSpaceOnUse' };
/** Small, so that fitting around it costs the flow little room. */
const MINIMAP_SIZE = { width: 140, height: 90 };
const EDGE_LABEL_PADDING: [number, number] = [4, 2];

/** At module scope: a new function each render would redraw every node of the minimap. */
const toMiniMapClass = (node: FlowCanvasNode) => `hl-mini-${getNodeCategory(node.data.kind)}`;

/** The previous array when it holds the same objects: React Flow then skips its whole pass over nodes or edges. */
function keepArray<T>(previous: { current: T[] }, next: T[]): T[] {
  const same = previous.current.length === next.length && next.every((item, index) => item === previous.current[index]);
  if (!same) previous.current = next;
  return previous.current;
}

/** Edges of a path: each step's node to the next, for highlighting a counterexample or the simulated call. */
function getPathEdgeKeys(nodeIds: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (let index = 0; index + 1 < nodeIds.length; index++) keys.add(`${nodeIds[index]}>${nodeIds[index + 1]}`);
  return keys;
}

/** An edge's look under the overlay: its width by the share of calls taking it, and that share in its label. */
interface EdgeFigures {
  calls: ReadonlyMap<string, number>;
  total: number;
}

/**
 * The canvas. It draws what `toCanvas` makes of the store's flow and turns
 * React Flow's changes back into store actions; React Flow's own node objects
 * live only here, for its measurements, and are never saved. `readOnly`
 * draws a flow to look at (the version a recorded call ran): no moves, no connections.
 */
export function FlowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const store = useDesignerStore();
  const flow = useDesigner((state) => state.flow);
  const selection = useDesigner((state) => state.selection);
  const highlightedPath = useDesigner((state) => state.highlightedPath);
  const simulatorTrail = useUi((state) => state.simulatorTrail);
  const callPath = useUi((state) => state.callPath);
  const overlay = useUi((state) => state.overlay);
  const analytics = useInsights((state) => state.analytics);
  const coverage = useCoverageMarks();
  const edgeFigures = useMemo<EdgeFigures | null>(
    () => (overlay && analytics ? { calls: getEdgeCalls(analytics.edges), total: analytics.calls } : null),
    [overlay, analytics],
  );
  const { screenToFlowPosition } = useReactFlow();
  const fitCanvas = useFitView();
  // A boolean, not the zoom: the canvas redraws when cards change form, not on every zoom step.
  const compact = useStore((state) => state.transform[2] < COMPACT_BELOW_ZOOM);
  const [minimapOpen, setMinimapOpen] = useState(true);

  const [drawCanvas] = useState(createCanvasDrawer);
  const canvas = useMemo(() => drawCanvas(flow), [drawCanvas, flow]);

  // What React Flow measured, by node id: kept here so rebuilt nodes do not blink while it measures again.
  const measuredSizes = useRef(new Map<string, { width: number; height: number }>());
  const [measureCount, setMeasureCount] = useState(0);
  const previousNodes = useRef(new Map<string, FlowCanvasNode>());
  const previousEdges = useRef(new Map<string, FlowCanvasEdge>());
  const previousNodeList = useRef<FlowCanvasNode[]>([]);
  const previousEdgeList = useRef<FlowCanvasEdge[]>([]);

  // A node or edge that did not change keeps its object, so React Flow and the memoized cards skip it:
  // an edit redraws what it touched, not the whole flow.
  const nodes = useMemo<FlowCanvasNode[]>(() => {
    const selected = new Set(selection.nodeIds);
    const kept = new Map<string, FlowCanvasNode>();
    const list = canvas.nodes.map((node) => {
      const old = previousNodes.current.get(node.id);
      const measured = measuredSizes.current.get(node.id);
      const isSelected = selected.has(node.id);
      const same =
        old !== undefined &&
        old.type === node.type &&
        old.position.x === node.position.x &&
        old.position.y === node.position.y &&
        old.data.label === node.data.label &&
        old.selected === isSelected &&
        old.measured === measured;
      const next = same ? old : { ...node, selected: isSelected, ...(measured ? { measured } : {}) };
      kept.set(node.id, next);
      return next;
    });
    previousNodes.current = kept;
    return keepArray(previousNodeList, list);
    // measureCount: a new measurement is read from measuredSizes
  }, [canvas, selection.nodeIds, measureCount]);

  // What highlights and selects edges; an edge drawn under the same ones keeps its object (`byEdge`).
  const edgeLooks = useMemo(
    () => ({
      counterexample: getPathEdgeKeys(highlightedPath),
      simulated: getPathEdgeKeys(simulatorTrail),
      recorded: getPathEdgeKeys(callPath),
      selected: new Set(selection.edgeIds),
      uncovered: coverage?.uncoveredExits,
      byEdge: new WeakMap<FlowCanvasEdge, FlowCanvasEdge>(),
    }),
    [highlightedPath, simulatorTrail, callPath, selection.edgeIds, edgeFigures, coverage],
  );

  const edges = useMemo<FlowCanvasEdge[]>(() => {
    const { counterexample, simulated, recorded, selected, uncovered, byEdge } = edgeLooks;
    const kept = new Map<string, FlowCanvasEdge>();
    const list = canvas.edges.map((edge) => {
      const drawn = byEdge.get(edge);
      if (drawn !== undefined) {
        kept.set(edge.id, drawn);
        return drawn;
      }
      const key = `${edge.source}>${edge.target}`;
      const untested = uncovered?.has(edge.id) === true;
      const className = [
        `hl-edge-${edge.data?.exitType ?? 'next'}`,
        counterexample.has(key) && 'on-path',
        simulated.has(key) && 'is-simulated',
        recorded.has(key) && 'on-call-path',
        edgeFigures && 'has-figures',
        untested && 'is-uncovered',
      ]
        .filter(Boolean)
        .join(' ');
      const calls = edgeFigures?.calls.get(key) ?? 0;
      // The exit's words are on its chip, where the edge leaves: words on the edge too would pile up where
      // edges run together. Only edges callers took carry a label, their share, under the overlay.
      const label = edgeFigures && calls > 0 ? `${edge.label ?? ''} · ${formatShare(calls, edgeFigures.total)}` : undefined;
      const ariaLabel = `${edge.label ?? 'exit'} of ${edge.source} to ${edge.target}${untested ? ', not walked by any test' : ''}`;
      const strokeWidth = edgeFigures ? toEdgeWidth(calls, edgeFigures.total) : undefined;
      const isSelected = selected.has(edge.id);
      const old = previousEdges.current.get(edge.id);
      const same =
        old !== undefined && old.target === edge.target && old.label === label && old.ariaLabel === ariaLabel && old.className === className && old.selected === isSelected && old.style?.strokeWidth === strokeWidth;
      const next: FlowCanvasEdge = same
        ? old
        : {
            ...edge,
            label,
            className,
            selected: isSelected,
            ariaLabel,
            markerEnd: strokeWidth === undefined ? EDGE_MARKER : WIDE_EDGE_MARKER,
            labelBgPadding: EDGE_LABEL_PADDING,
            labelBgBorderRadius: 4,
            ...(strokeWidth !== undefined ? { style: { strokeWidth } } : {}),
          };
      byEdge.set(edge, next);
      kept.set(edge.id, next);
      return next;
    });
    previousEdges.current = kept;
    return keepArray(previousEdgeList, list);
  }, [canvas, edgeLooks, edgeFigures]);

  /** React Flow reports clicks as `select` changes; the selection lives in the store, so they go there. */
  const applySelectChanges = useCallback(
    (field: 'nodeIds' | 'edgeIds', changes: ReadonlyArray<NodeChange<FlowCanvasNode> | EdgeChange<FlowCanvasEdge>>) => {
      const selects = changes.filter((change) => change.type === 'select');
      if (selects.length === 0) return;
      const selected = new Set(store.getState().selection[field]);
      for (const change of selects) {
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      store.getState().select({ [field]: [...selected] });
    },
    [store],
  );

  const dragging = useRef(false);
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowCanvasNode>[]) => {
      const moves: { id: string; position: { x: number; y: number } }[] = [];
      let dragEnded = false;
      let measured = false;
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) {
          measuredSizes.current.set(change.id, change.dimensions);
          measured = true;
        } else if (change.type === 'position') {
          if (change.position) moves.push({ id: change.id, position: change.position });
          if (change.dragging === false && dragging.current) dragEnded = true;
          dragging.current = change.dragging ?? false;
        }
      }
      if (measured) setMeasureCount((count) => count + 1);
      applySelectChanges('nodeIds', changes);
      // Positions go to the store (and the undo history) as they change; the drop closes the undo entry.
      if (moves.length > 0 || dragEnded) store.getState().moveNodes(moves, { dragEnded });
    },
    [store, applySelectChanges],
  );

  // Only selection comes from edge changes: deleting is the store's (one undo entry for nodes and edges together).
  const onEdgesChange = useCallback((changes: EdgeChange<FlowCanvasEdge>[]) => applySelectChanges('edgeIds', changes), [applySelectChanges]);

  // A goto's card opens the flow it links to on a double-click, as a file opens from a folder.
  const followLink = useFollowLink();
  const onNodeDoubleClick = useCallback(
    (_event: unknown, canvasNode: FlowCanvasNode) => {
      const node = store.getState().flow.nodes[canvasNode.id];
      if (node?.kind === 'goto') followLink(canvasNode.id, node);
    },
    [store, followLink],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      store.getState().connect(connection);
    },
    [store],
  );

  // A drag let go on the card it started from is taken back, not a loop: the whole card is a target, and the drag begins on it.
  const isValidConnection = useCallback((connection: Connection | FlowCanvasEdge) => connection.source !== connection.target, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!kind) return;
      event.preventDefault();
      store.getState().addNode(kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [store, screenToFlowPosition],
  );

  // A newly opened flow is fitted to the screen once React Flow has measured it, or shown from its entry when
  // the fit would be too small to read; saving leaves the view alone.
  const loadCount = useDesigner((state) => state.loadCount);
  useEffect(() => {
    const timer = window.setTimeout(() => fitCanvas({ opening: store.getState().flow.entry }), 50);
    return () => window.clearTimeout(timer);
  }, [loadCount, fitCanvas, store]);

  const canvasClasses = ['hl-canvas', compact && 'is-compact', callPath.length > 0 && 'has-call-path'].filter(Boolean).join(' ');
  return (
    <div className={canvasClasses} data-testid={readOnly ? 'call-canvas' : 'canvas'} onDragOver={readOnly ? undefined : onDragOver} onDrop={readOnly ? undefined : onDrop}>
      <ReactFlow<FlowCanvasNode, FlowCanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDoubleClick={readOnly ? undefined : onNodeDoubleClick}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        minZoom={0.1}
        fitView
        fitViewOptions={FIT_VIEW}
      >
        <Background gap={24} />
        {minimapOpen ? <MiniMap<FlowCanvasNode> pannable zoomable ariaLabel="Minimap" style={MINIMAP_SIZE} nodeClassName={toMiniMapClass} /> : null}
        <Panel position="bottom-right" className={`hl-minimap-toggle${minimapOpen ? ' is-open' : ''}`}>
          <button type="button" aria-label={minimapOpen ? 'Hide minimap' : 'Show minimap'} title={minimapOpen ? 'Hide minimap' : 'Show minimap'} onClick={() => setMinimapOpen((open) => !open)}>
            {minimapOpen ? <X size={12} aria-hidden /> : <MapIcon size={14} aria-hidden />}
          </button>
        </Panel>
        {coverage !== null && <CoverageLegend marks={coverage} />}
        <Controls position="top-right" orientation="horizontal" onFitView={() => fitCanvas({ duration: 200 })} />
      </ReactFlow>
    </div>
  );
}
