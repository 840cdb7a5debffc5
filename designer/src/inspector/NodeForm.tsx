import type { FlowNode } from '../../../core/schema/flow.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { getNodeForm } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import { useNodeFieldDrafts } from './use-field-drafts.ts';

/** The node's fields, generated from its kind's schema; each edit sends the whole new top-level field to the store. */
export function NodeForm({ id, node, env }: { id: string; node: FlowNode; env: FormEnv }) {
  const drafts = useNodeFieldDrafts(id);
  const stored = node as unknown as Record<string, unknown>;
  return (
    <form className="insp-form" onSubmit={(e) => e.preventDefault()}>
      {getNodeForm(node.kind).map((field) => {
        if (field.widget.type === 'constant') return null; // the kind, shown in the header
        const error = drafts.errorOf(field.key, stored[field.key]);
        return (
          <div key={field.key} className={error ? 'insp-top insp-has-draft' : 'insp-top'}>
            <FieldEditor field={field} value={drafts.valueOf(field.key, stored[field.key])} name={field.key} env={env} onChange={(value) => drafts.commit(field.key, value)} />
            {error && (
              // The reason is the store's lastError at the top; here only which field holds unsaved text.
              <p className="insp-unsaved" title={error}>
                Not saved: the flow keeps its last valid value until this is fixed.
              </p>
            )}
          </div>
        );
      })}
    </form>
  );
}
