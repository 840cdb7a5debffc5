import type { ReactNode } from 'react';
import type { FormField } from './form-model.ts';
import type { FormEnv } from './form-values.ts';

/** What every field editor gets: its model, its current value and where to send the new one. */
export interface FieldProps {
  field: FormField;
  value: unknown;
  /** the dotted path of the value in the node (`options.0.key`): the input's `name` */
  name: string;
  env: FormEnv;
  /** the field's whole new value; undefined removes it */
  onChange(value: unknown): void;
  /** a row inside a list, tuple or record: the label is kept for assistive tech but not shown */
  compact?: boolean;
  /** buttons shown beside the label (a list row's remove) */
  actions?: ReactNode;
}
