import { useMemo } from 'react';
import { FlowSchema } from '../../../core/schema/flow.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useFormEnv } from './use-form-env.ts';
import { getDefaultPlaceholder } from './field-defaults.ts';
import { toFormFields } from './form-model.ts';
import { BusinessHours } from './BusinessHours.tsx';
import { TopLevelFields } from './TopLevelFields.tsx';
import { useFlowFieldDrafts } from './use-field-drafts.ts';

// With no node selected, the inspector edits the flow's own fields, walked
// from the Flow schema as a node's form is walked from its kind's.

/** Edited elsewhere: the nodes on the canvas, the entry by "Set as entry", positions by dragging, calendars under Business hours. */
const SHOWN_ELSEWHERE = new Set(['$schema', 'entry', 'nodes', 'ui', 'calendars']);

const FLOW_FIELDS = toFormFields(FlowSchema, { getPlaceholder: (path) => getDefaultPlaceholder('flow', path) }).filter((field) => !SHOWN_ELSEWHERE.has(field.key));

export function FlowSettings() {
  const flow = useDesigner((state) => state.flow);
  const flowId = useDesigner((state) => state.flowId);
  // a flow with no name goes by its id, as the header's name field shows
  const fields = useMemo(() => (flowId === null ? FLOW_FIELDS : FLOW_FIELDS.map((field) => (field.key === 'name' ? { ...field, placeholder: flowId } : field))), [flowId]);
  const lastError = useDesigner((state) => state.lastError);
  const drafts = useFlowFieldDrafts();
  const env = useFormEnv();
  return (
    <section className="insp-flow" aria-label="Flow settings">
      <h2 className="insp-heading">Flow</h2>
      <p className="insp-muted">Select a node to edit it. With none selected, these are the flow's own settings.</p>
      {lastError && !drafts.isShown(lastError) && (
        <p className="insp-error" role="alert" data-testid="inspector-error">
          {lastError}
        </p>
      )}
      <TopLevelFields fields={fields} stored={flow as unknown as Record<string, unknown>} drafts={drafts} env={env} />
      <BusinessHours env={env} />
    </section>
  );
}
