import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { NodeKind } from '../../../core/schema/flow.ts';
import { useDesigner, useDesignerStore } from '../app/designer-context.tsx';
import { useUi } from '../app/ui-store.ts';
import { nodeTypes } from '../nodes/FlowNodeCard.tsx';
import { getNodeCategory } from '../nodes/node-looks.ts';
import { PALETTE_MIME } from '../palette/palette-drag.ts';
import { toCanvas } from './to-canvas.ts';
import { FIT_VIEW } from './view-options.ts';
import type { FlowCanvasEdge, FlowCanvasNode } from './types.ts';

/** Edges of a path: each step's node to the next, for highlighting a counterexample or the simulated call. */
function getPathEdgeKeys(nodeIds: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (let index = 0; index + 1 < nodeIds.length; index++) keys.add(`${nodeIds[index]}>${nodeIds[index + 1]}`);
  return keys;
}

/**
 * The canvas. It draws what `toCanvas` makes of the store's flow and turns
 * React Flow's changes back into store actions; React Flow's own node objects
 * live only here, for its measurements, and are never saved.
 */
export function FlowCanvas() {
  const store = useDesignerStore();
  const flow = useDesigner((state) => state.flow);
  const selection = useDesigner((state) => state.selection);
  const highlightedPath = useDesigner((state) => state.highlightedPath);
  const simulatorTrail = useUi((state) => state.simulatorTrail);
  const { screenToFlowPosition, fitView } = useReactFlow();

  const canvas = useMemo(() => toCanvas(flow), [flow]);
  const [nodes, setNodes] = useState<FlowCanvasNode[]>([]);

  // Rebuilt from the flow, keeping what React Flow measured, so nodes do not blink while it measures again.
  useEffect(() => {
    setNodes((previous) => {
      const measured = new Map(previous.map((node) => [node.id, node.measured]));
      const selected = new Set(selection.nodeIds);
      return canvas.nodes.map((node) => ({ ...node, measured: measured.get(node.id), selected: selected.has(node.id) }));
    });
  }, [canvas, selection.nodeIds]);

  const edges = useMemo<FlowCanvasEdge[]>(() => {
    const counterexample = getPathEdgeKeys(highlightedPath);
    const simulated = getPathEdgeKeys(simulatorTrail);
    const selectedEdges = new Set(selection.edgeIds);
    return canvas.edges.map((edge) => {
      const key = `${edge.source}>${edge.target}`;
      const classes = [`hl-edge-${edge.data?.exitType ?? 'next'}`, counterexample.has(key) && 'on-path', simulated.has(key) && 'is-simulated'].filter(Boolean).join(' ');
      return {
        ...edge,
        className: classes,
        selected: selectedEdges.has(edge.id),
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
      };
    });
  }, [canvas, highlightedPath, simulatorTrail, selection.edgeIds]);

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
      setNodes((current) => {
        const byId = new Map(current.map((node) => [node.id, node]));
        for (const change of changes) {
          if (change.type === 'dimensions' && change.dimensions) {
            const node = byId.get(change.id);
            if (node) byId.set(change.id, { ...node, measured: change.dimensions });
          } else if (change.type === 'position' && change.position) {
            const node = byId.get(change.id);
            if (node) byId.set(change.id, { ...node, position: change.position, dragging: change.dragging ?? false });
          }
        }
        return current.map((node) => byId.get(node.id) ?? node);
      });
      applySelectChanges('nodeIds', changes);
      for (const change of changes) {
        if (change.type !== 'position') continue;
        if (change.position) moves.push({ id: change.id, position: change.position });
        if (change.dragging === false && dragging.current) dragEnded = true;
        dragging.current = change.dragging ?? false;
      }
      // Positions go to the store (and the undo history) as they change; the drop closes the undo entry.
      if (moves.length > 0 || dragEnded) store.getState().moveNodes(moves, { dragEnded });
    },
    [store, applySelectChanges],
  );

  // Only selection comes from edge changes: deleting is the store's (one undo entry for nodes and edges together).
  const onEdgesChange = useCallback((changes: EdgeChange<FlowCanvasEdge>[]) => applySelectChanges('edgeIds', changes), [applySelectChanges]);

  const onConnect = useCallback(
    (connection: Connection) => {
      store.getState().connect(connection);
    },
    [store],
  );

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

  // A newly opened flow is fitted to the screen once React Flow has measured it.
  const flowId = useDesigner((state) => state.flowId);
  const loadedFlow = useDesigner((state) => state.savedFlow);
  useEffect(() => {
    const timer = window.setTimeout(() => void fitView(FIT_VIEW), 50);
    return () => window.clearTimeout(timer);
  }, [flowId, loadedFlow, fitView]);

  return (
    <div className="hl-canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowCanvasNode, FlowCanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        minZoom={0.1}
        fitView
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable nodeClassName={(node) => `hl-mini-${getNodeCategory((node as FlowCanvasNode).data.kind)}`} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
