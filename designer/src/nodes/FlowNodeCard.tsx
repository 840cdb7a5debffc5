import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { Footprints } from 'lucide-react';
import { memo, useMemo, useRef, type ComponentType } from 'react';
import { getExits } from '../../../core/nodes/registry.ts';
import type { Calendars, FlowNode, NodeKind } from '../../../core/schema/flow.ts';
import type { Severity } from '../../../core/lint/types.ts';
import type { FlowCanvasNodeData } from '../model/canvas-types.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useUi } from '../stores/ui-context.tsx';
import { useInsights } from '../stores/insights-context.tsx';
import { useCoverageMarks } from '../stores/use-coverage-marks.ts';
import { toEdgeId } from '../model/canvas-types.ts';
import { NodeFigures } from './NodeFigures.tsx';
import { getNodeRates, toHeatColour } from '../model/heat-scale.ts';
import { getNodeCategory, getNodeIcon } from './node-looks.ts';
import { getNodeDetail } from './node-details.ts';
import { getNodeSummary } from './node-summary.ts';
import type { StepBadge } from '../model/verdict.ts';
import { countOf } from '../../../core/format/words.ts';

function formatBadge(badge: StepBadge | undefined): string {
  if (badge === undefined || badge.best === null) return 'no person';
  if (badge.worst === null) return `${badge.best}–∞ steps`;
  return badge.best === badge.worst ? countOf(badge.best, 'step') : `${badge.best}–${badge.worst} steps`;
}

/** What a card shows of the designer's state. */
interface CardState {
  node: FlowNode | undefined;
  badge: StepBadge | undefined;
  calendars: Calendars | undefined;
  isEntry: boolean;
  onPath: boolean;
  problem: Severity | undefined;
}

const isSameCard = (a: CardState, b: CardState) =>
  a.node === b.node && a.badge === b.badge && a.calendars === b.calendars && a.isEntry === b.isEntry && a.onPath === b.onPath && a.problem === b.problem;

/**
 * The card's slice of the store, as one selection of O(1) look-ups: a 1,000-node flow runs every card's
 * selector on each edit. The same object while its fields are the same (the validator keeps unchanged
 * badge objects), so a card redraws only when its own node, badge or finding changes.
 */
function useCardState(id: string): CardState {
  const last = useRef<CardState | null>(null);
  return useDesigner((state) => {
    const next: CardState = {
      // looked up in the store by id: node data carries only ids and words
      node: state.flow.nodes[id],
      badge: Object.hasOwn(state.steps, id) ? state.steps[id] : undefined,
      calendars: state.flow.calendars,
      isEntry: state.flow.entry === id,
      onPath: state.highlightedPath.includes(id),
      problem: Object.hasOwn(state.nodeSeverity, id) ? state.nodeSeverity[id] : undefined,
    };
    if (last.current !== null && isSameCard(last.current, next)) return last.current;
    return (last.current = next);
  });
}

function NodeCard({ id, selected, data }: NodeProps<Node<FlowCanvasNodeData>>) {
  const { node, badge, calendars, isEntry, onPath, problem } = useCardState(id);
  const summary = useMemo(() => (node ? getNodeSummary(node, calendars) : ''), [node, calendars]);
  const badgeText = formatBadge(badge);
  // no person after a hang-up or a message is what those nodes are for; anywhere else it is a fault
  const badgeBroken = badge?.worst == null && badge?.final !== true;
  const simulated = useUi((state) => state.simulatorNodeId === id);
  const onCallPath = useUi((state) => state.callPath.includes(id));
  const overlay = useUi((state) => state.overlay);
  // the API's object for this node: the same reference until new figures arrive
  const figures = useInsights((state) => (overlay ? state.analytics?.nodes[id] : undefined));
  // the same object until a report is loaded, cleared or loses a mark to an edit
  const coverage = useCoverageMarks();
  if (node === undefined) return null;
  const exits = getExits(node);
  const detail = getNodeDetail(node);
  const category = getNodeCategory(data.kind);
  const untested = coverage?.uncoveredNodes.has(id) === true;
  const classes = ['hl-node', `hl-cat-${category}`, selected && 'is-selected', onPath && 'on-path', simulated && 'is-simulated', onCallPath && 'on-call-path', overlay && 'has-figures', problem && `has-${problem}`, untested && 'is-uncovered']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-problem={problem ?? ''}
      style={overlay && figures ? { borderColor: toHeatColour(getNodeRates(figures).dropOff) } : undefined}
    >
      {/* The whole card is where a connection lands (React Flow's "easy connect"); it takes the pointer only while one is dragged. */}
      <Handle type="target" position={Position.Top} className="hl-handle-in" isConnectableStart={false} />
      <div className="hl-node-head">
        <span className="hl-node-icon" aria-hidden>
          {getNodeIcon(data.kind)}
        </span>
        <span className="hl-node-kind">{data.kind}</span>
        {isEntry && <span className="hl-node-entry">entry</span>}
        {untested && (
          <span className="hl-node-untested" role="img" aria-label="no test enters this node" title="no test enters this node">
            <Footprints size={12} aria-hidden />
          </span>
        )}
        <span className={`hl-node-badge${badgeBroken ? ' is-broken' : badge?.final && badge.best === null ? ' is-final' : ''}`} title="caller steps to a person: best case – worst case" data-testid={`badge-${id}`}>
          {badgeText}
        </span>
      </div>
      <div className="hl-node-title">{data.label}</div>
      {data.label !== id && <div className="hl-node-id">{id}</div>}
      <div className="hl-node-summary">{summary}</div>
      {detail !== '' && <div className="hl-node-detail">{detail}</div>}
      {overlay && <NodeFigures nodeId={id} figures={figures} />}
      {exits.length > 0 && (
        <div className="hl-node-exits">
          {/* Each exit's chip is its handle: its words and its grip are one box, so no label can cover another exit's handle however the chips wrap. */}
          {exits.map((exit) => {
            const exitUntested = coverage?.uncoveredExits.has(toEdgeId(id, exit.id)) === true;
            const where = exit.target === undefined ? 'not connected: the call hangs up here' : `to ${exit.target}`;
            return (
              <Handle
                key={exit.id}
                type="source"
                position={Position.Bottom}
                id={exit.id}
                className={`hl-exit hl-exit-${exit.type}${exit.target === undefined ? ' is-open' : ''}${exitUntested ? ' is-uncovered' : ''}`}
                title={exitUntested ? `${where}; not walked by any test` : where}
              >
                {exit.label}
              </Handle>
            );
          })}
        </div>
      )}
    </div>
  );
}

/**
 * A card draws its id, data and selection only. React Flow also hands it its size, position and
 * z-order, which change for every card when a newly opened flow is measured: compared too, they
 * drew every card (and its exit handles) of a 1,000-node flow a second time.
 */
const isSameCardProps = (a: NodeProps<Node<FlowCanvasNodeData>>, b: NodeProps<Node<FlowCanvasNodeData>>) => a.id === b.id && a.data === b.data && a.selected === b.selected;

const MemoNodeCard = memo(NodeCard, isSameCardProps);

/** One typed component per kind, as React Flow's examples register custom nodes; built once, at module scope. */
function createNodeComponent<K extends NodeKind>(kind: K): ComponentType<NodeProps<Node<FlowCanvasNodeData, K>>> {
  const Component = (props: NodeProps<Node<FlowCanvasNodeData, K>>) => <MemoNodeCard {...(props as unknown as NodeProps<Node<FlowCanvasNodeData>>)} />;
  Component.displayName = `${kind}Node`;
  return memo(Component);
}

/** Typed per kind, so a new node kind without a component fails to compile. */
export const nodeTypes: { [K in NodeKind]: ComponentType<NodeProps<Node<FlowCanvasNodeData, K>>> } = {
  say: createNodeComponent('say'),
  set: createNodeComponent('set'),
  menu: createNodeComponent('menu'),
  input: createNodeComponent('input'),
  condition: createNodeComponent('condition'),
  http: createNodeComponent('http'),
  transfer: createNodeComponent('transfer'),
  queue: createNodeComponent('queue'),
  voicemail: createNodeComponent('voicemail'),
  callback: createNodeComponent('callback'),
  survey: createNodeComponent('survey'),
  goto: createNodeComponent('goto'),
  hangup: createNodeComponent('hangup'),
};
