import { useDesigner } from '../stores/designer-context.tsx';
import { FlowSettings } from './FlowSettings.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import './inspector.css';

/** The side panel: the selected node's form, the flow's settings with nothing selected, a count with several. */
export function Inspector() {
  const nodeIds = useDesigner((state) => state.selection.nodeIds);
  return (
    <aside className="insp" data-testid="inspector" aria-label="Inspector">
      {nodeIds.length === 0 ? (
        <FlowSettings />
      ) : nodeIds.length === 1 ? (
        <NodeInspector key={nodeIds[0]} id={nodeIds[0]!} />
      ) : (
        <p className="insp-note">{nodeIds.length} nodes selected. Select one node to edit it.</p>
      )}
    </aside>
  );
}
