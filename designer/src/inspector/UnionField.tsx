import type { Widget } from './form-model.ts';
import type { FieldProps } from './field-props.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { ObjectBody } from './compound-fields.tsx';
import { convertToVariant, pickVariant } from './form-values.ts';
import { HoursTestBody } from './HoursTestBody.tsx';

/** A value of one of several shapes (one text or per language): a switch, then the fields of the shape in use. */
export function UnionField({ field, value, name, env, onChange, actions }: FieldProps) {
  const { variants, discriminator } = field.widget as Extract<Widget, { type: 'union' }>;
  const index = pickVariant(variants, value, discriminator);
  const current = variants[index];
  return (
    <fieldset className="insp-union">
      <legend title={field.description}>
        {field.label}
        {!field.optional && <span className="insp-required" aria-hidden="true"> *</span>}
      </legend>
      <div className="insp-switch" role="radiogroup" aria-label={`${field.label}: form`}>
        {field.optional && (
          <label>
            <input type="radio" name={`${name}#variant`} checked={index < 0} onChange={() => onChange(undefined)} />
            none
          </label>
        )}
        {variants.map((variant, i) => (
          <label key={variant.label}>
            <input type="radio" name={`${name}#variant`} checked={i === index} onChange={() => onChange(convertToVariant(value, variant, env))} />
            {variant.label}
          </label>
        ))}
        {actions}
      </div>
      {current?.label === 'hours' && discriminator === 'type' && env.nodeId !== undefined ? (
        // an hours check names shared business hours or holds its own
        <HoursTestBody nodeId={env.nodeId} fields={(current.field.widget as Extract<Widget, { type: 'object' }>).fields} value={value} name={name} env={env} onChange={onChange} />
      ) : current?.field.widget.type === 'object' ? (
        <ObjectBody fields={current.field.widget.fields} value={value} name={name} env={env} onChange={onChange} />
      ) : (
        current && <FieldEditor field={{ ...current.field, label: field.label }} value={value} name={name} env={env} compact onChange={onChange} />
      )}
      {field.description && <p className="insp-hint">{field.description}</p>}
    </fieldset>
  );
}
