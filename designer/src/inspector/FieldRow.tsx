import type { ReactNode } from 'react';
import type { FieldProps } from './field-props.ts';

/** One labelled input: the label, the control, and the schema's description as a hint. */
export function FieldRow({ id, field, compact, actions, children, hint = true }: Pick<FieldProps, 'field' | 'compact' | 'actions'> & { id: string; children: ReactNode; hint?: boolean }) {
  return (
    <div className={compact ? 'insp-field insp-compact' : 'insp-field'}>
      <div className="insp-label-line">
        <label htmlFor={id} className={compact ? 'insp-sr' : 'insp-label'} title={field.description}>
          {field.label}
          {!field.optional && !compact && <span className="insp-required" aria-hidden="true"> *</span>}
        </label>
        {!compact && actions}
      </div>
      <div className="insp-control">
        {children}
        {compact && actions}
      </div>
      {hint && !compact && field.description && <p className="insp-hint">{field.description}</p>}
    </div>
  );
}
