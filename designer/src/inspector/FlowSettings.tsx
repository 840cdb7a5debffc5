import { useMemo } from 'react';
import { getDefaultLanguage } from '../../../core/interpreter/state.ts';
import { FlowSchema } from '../../../core/schema/flow.ts';
import { useDesigner } from '../app/designer-context.tsx';
import { FieldEditor } from './FieldEditor.tsx';
import { getDefaultPlaceholder } from './field-defaults.ts';
import { toFormFields } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import { useFlowFieldDrafts } from './use-field-drafts.ts';

// With no node selected, the inspector edits the flow's own fields, walked
// from the Flow schema as a node's form is walked from its kind's.

/** Edited elsewhere: the nodes on the canvas, the entry by "Set as entry", positions by dragging. */
const SHOWN_ELSEWHERE = new Set(['$schema', 'entry', 'nodes', 'ui']);

const FLOW_FIELDS = toFormFields(FlowSchema, { getPlaceholder: (path) => getDefaultPlaceholder('flow', path) }).filter((field) => !SHOWN_ELSEWHERE.has(field.key));

export function FlowSettings() {
  const flow = useDesigner((state) => state.flow);
  const lastError = useDesigner((state) => state.lastError);
  const drafts = useFlowFieldDrafts();
  const env = useMemo<FormEnv>(
    () => ({ nodeIds: Object.keys(flow.nodes), languages: flow.settings?.languages ?? [], defaultLanguage: getDefaultLanguage(flow) }),
    [flow],
  );
  const stored = flow as unknown as Record<string, unknown>;
  return (
    <section className="insp-flow" aria-label="Flow settings">
      <h2 className="insp-heading">Flow</h2>
      <p className="insp-muted">Select a node to edit it. With none selected, these are the flow's own settings.</p>
      {lastError && (
        <p className="insp-error" role="alert" data-testid="inspector-error">
          {lastError}
        </p>
      )}
      <form className="insp-form" onSubmit={(event) => event.preventDefault()}>
        {FLOW_FIELDS.map((field) => {
          const error = drafts.errorOf(field.key, stored[field.key]);
          return (
            <div key={field.key} className={error ? 'insp-top insp-has-draft' : 'insp-top'}>
              <FieldEditor field={field} value={drafts.valueOf(field.key, stored[field.key])} name={field.key} env={env} onChange={(value) => drafts.commit(field.key, value)} />
              {error && (
                <p className="insp-unsaved" title={error}>
                  Not saved: the flow keeps its last valid value until this is fixed.
                </p>
              )}
            </div>
          );
        })}
      </form>
    </section>
  );
}
