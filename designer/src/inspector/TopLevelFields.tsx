import { useId } from 'react';
import { toFieldReason } from '../model/inspector-choices.ts';
import { FieldEditor } from './FieldEditor.tsx';
import type { FormField } from './form-model.ts';
import type { FormEnv } from './form-values.ts';
import type { FieldDrafts } from './use-field-drafts.ts';

/** A form of top-level fields (a node's, or the flow's own); each edit sends the whole new field through `drafts`. */
export function TopLevelFields({ fields, stored, drafts, env }: { fields: readonly FormField[]; stored: Record<string, unknown>; drafts: FieldDrafts; env: FormEnv }) {
  const formId = useId();
  return (
    <form className="insp-form" onSubmit={(event) => event.preventDefault()}>
      {fields.map((field) => {
        if (field.widget.type === 'constant') return null; // a node's kind: shown in its header
        const error = drafts.errorOf(field.key, stored[field.key]);
        const errorId = `${formId}-${field.key}-error`;
        return (
          <div key={field.key} className={error ? 'insp-top insp-has-draft' : 'insp-top'} aria-describedby={error ? errorId : undefined}>
            <FieldEditor field={field} value={drafts.valueOf(field.key, stored[field.key])} name={field.key} env={env} onChange={(value) => drafts.commit(field.key, value)} />
            {error && (
              // Beside the field the designer is typing in, not at the top of a panel scrolled away from it.
              <p className="insp-field-error" role="alert" id={errorId} data-testid={`field-error-${field.key}`}>
                {toFieldReason(error)}. Not saved: the flow keeps its last valid value until this is fixed.
              </p>
            )}
          </div>
        );
      })}
    </form>
  );
}
