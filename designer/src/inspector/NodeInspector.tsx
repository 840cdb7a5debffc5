import { useMemo } from 'react';
import { useDesigner } from '../stores/designer-context.tsx';
import { useFormEnv } from './use-form-env.ts';
import { NodeFindings } from './NodeFindings.tsx';
import { NodeForm } from './NodeForm.tsx';
import { NodeHeader } from './NodeHeader.tsx';
import { GotoLink } from './GotoLink.tsx';
import { useNodeFieldDrafts } from './use-field-drafts.ts';

/** Everything about one node. Mounted per node id, so drafts and the rename box start afresh for another node. */
export function NodeInspector({ id }: { id: string }) {
  const flow = useDesigner((state) => state.flow);
  const lastError = useDesigner((state) => state.lastError);
  const env = useFormEnv();
  const drafts = useNodeFieldDrafts(id);
  const nodeEnv = useMemo(() => ({ ...env, nodeId: id }), [env, id]);
  const node = Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
  if (node === undefined) return <p className="insp-muted">The node "{id}" is gone.</p>;
  return (
    <>
      <NodeHeader id={id} node={node} />
      {lastError && !drafts.isShown(lastError) && (
        <p className="insp-error" role="alert" data-testid="inspector-error">
          {lastError}
        </p>
      )}
      {node.kind === 'goto' && <GotoLink id={id} node={node} />}
      <NodeFindings id={id} />
      <NodeForm node={node} env={nodeEnv} drafts={drafts} />
    </>
  );
}
