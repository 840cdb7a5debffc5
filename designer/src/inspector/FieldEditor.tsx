import type { FieldProps } from './field-props.ts';
import { ListField, ObjectField, RecordField, TupleField, UnionField } from './compound-fields.tsx';
import { CheckboxField, JsonField, NumberField, SelectField, TargetField, TextField } from './scalar-fields.tsx';

/** The editor for one field of the form model, by its widget. */
export function FieldEditor(props: FieldProps) {
  switch (props.field.widget.type) {
    case 'text':
      return <TextField {...props} />;
    case 'number':
      return <NumberField {...props} />;
    case 'checkbox':
      return <CheckboxField {...props} />;
    case 'select':
      return <SelectField {...props} />;
    case 'target':
      return <TargetField {...props} />;
    case 'constant':
      // The kind and a union's discriminator are shown by the header and the union's switch.
      return null;
    case 'object':
      return <ObjectField {...props} />;
    case 'list':
      return <ListField {...props} />;
    case 'tuple':
      return <TupleField {...props} />;
    case 'record':
      return <RecordField {...props} />;
    case 'union':
      return <UnionField {...props} />;
    case 'json':
      return <JsonField {...props} />;
  }
}
