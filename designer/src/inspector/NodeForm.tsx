import type { FlowNode } from '../../../core/schema/flow.ts';
import { getNodeForm } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import { TopLevelFields } from './TopLevelFields.tsx';
import type { FieldDrafts } from './use-field-drafts.ts';

/** The node's fields, generated from its kind's schema. */
export function NodeForm({ node, env, drafts }: { node: FlowNode; env: FormEnv; drafts: FieldDrafts }) {
  return <TopLevelFields fields={getNodeForm(node.kind)} stored={node as unknown as Record<string, unknown>} drafts={drafts} env={env} />;
}
