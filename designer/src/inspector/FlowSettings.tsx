import { useId, type ReactNode } from 'react';
import { FlowSchema } from '../../../core/schema/flow.ts';
import { useDesigner, useDesignerStore } from '../app/designer-context.tsx';
import { getDefaultPlaceholder } from './field-defaults.ts';
import { toFormFields, type FormField, type Widget } from './form-model.ts';
import { isObject } from './form-values.ts';
import { NumberInput } from './NumberInput.tsx';

// With no node selected, the inspector shows the flow's own fields, walked
// from the Flow schema like a node's. The store can only set the step budget
// (`setMaxSteps`); the rest is shown read-only until it has actions for them.

/** Edited elsewhere: the nodes on the canvas, positions by dragging. */
const SHOWN_ELSEWHERE = new Set(['$schema', 'nodes', 'ui']);
const MAX_STEPS_PATH = 'settings.maxSteps';

const FLOW_FIELDS = toFormFields(FlowSchema, { getPlaceholder: (path) => getDefaultPlaceholder('flow', path) }).filter((field) => !SHOWN_ELSEWHERE.has(field.key));

export function FlowSettings() {
  const flow = useDesigner((state) => state.flow);
  const lastError = useDesigner((state) => state.lastError);
  return (
    <section className="insp-flow" aria-label="Flow settings">
      <h2 className="insp-heading">Flow</h2>
      <p className="insp-muted">Select a node to edit it. Only the step budget can be changed here; the designer has no edit action for the other flow fields yet.</p>
      {lastError && (
        <p className="insp-error" role="alert" data-testid="inspector-error">
          {lastError}
        </p>
      )}
      <dl className="insp-readonly">
        {FLOW_FIELDS.map((field) => (
          <ReadOnlyField key={field.key} field={field} value={(flow as Record<string, unknown>)[field.key]} />
        ))}
      </dl>
    </section>
  );
}

function MaxStepsField({ field }: { field: FormField }) {
  const store = useDesignerStore();
  const id = useId();
  const value = useDesigner((state) => state.flow.settings?.maxSteps);
  return (
    <div className="insp-field">
      <label htmlFor={id} className="insp-label" title={field.description}>
        {field.label}
      </label>
      <NumberInput
        id={id}
        name={field.path}
        value={value}
        widget={field.widget as Extract<Widget, { type: 'number' }>}
        placeholder={field.placeholder}
        // The store has no action to remove the budget again; an emptied box waits for a number.
        onChange={(steps) => steps !== undefined && store.getState().setMaxSteps(steps)}
      />
      {field.description && <p className="insp-hint">{field.description}</p>}
    </div>
  );
}

function formatValue(value: unknown, field: FormField): ReactNode {
  if (value === undefined) return <span className="insp-muted">{field.placeholder ?? 'not set'}</span>;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
  if (typeof value === 'object' && value !== null) return <code>{JSON.stringify(value)}</code>;
  return String(value);
}

function ReadOnlyField({ field, value }: { field: FormField; value: unknown }): ReactNode {
  if (field.path === MAX_STEPS_PATH) return <MaxStepsField field={field} />;
  if (field.widget.type === 'object') {
    const object = isObject(value) ? value : {};
    // Walked even when absent: the step budget lives in `settings`, which a new flow lacks.
    return (
      <div className="insp-readonly-group">
        <dt title={field.description}>{field.label}</dt>
        <dd>
          <dl className="insp-readonly">
            {field.widget.fields.map((child) => (
              <ReadOnlyField key={child.key} field={child} value={object[child.key]} />
            ))}
          </dl>
        </dd>
      </div>
    );
  }
  return (
    <div className="insp-readonly-row">
      <dt title={field.description}>{field.label}</dt>
      <dd data-field={field.path}>{formatValue(value, field)}</dd>
    </div>
  );
}
