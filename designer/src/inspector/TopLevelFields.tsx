import { FieldEditor } from './FieldEditor.tsx';
import type { FormField } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import type { FieldDrafts } from './use-field-drafts.ts';

/** A form of top-level fields (a node's, or the flow's own); each edit sends the whole new field through `drafts`. */
export function TopLevelFields({ fields, stored, drafts, env }: { fields: readonly FormField[]; stored: Record<string, unknown>; drafts: FieldDrafts; env: FormEnv }) {
  return (
    <form className="insp-form" onSubmit={(event) => event.preventDefault()}>
      {fields.map((field) => {
        if (field.widget.type === 'constant') return null; // a node's kind: shown in its header
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
