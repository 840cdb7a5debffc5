import type { FlowNode } from '../../../core/schema/flow.ts';
import { getNodeForm } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import { TopLevelFields } from './TopLevelFields.tsx';
import { useNodeFieldDrafts } from './use-field-drafts.ts';

/** The node's fields, generated from its kind's schema. */
export function NodeForm({ id, node, env }: { id: string; node: FlowNode; env: FormEnv }) {
  const drafts = useNodeFieldDrafts(id);
  return <TopLevelFields fields={getNodeForm(node.kind)} stored={node as unknown as Record<string, unknown>} drafts={drafts} env={env} />;
}
