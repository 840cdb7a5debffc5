import { useMemo, useState } from 'react';
import { getDefaultLanguage } from '../../../core/interpreter/state.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { createTargetChooser } from '../model/inspector-choices.ts';
import type { FormEnv } from './form-values.ts';

/** What every form needs of the flow: its node ids for targets, its languages for prompts. */
export function useFormEnv(): FormEnv {
  const flow = useDesigner((state) => state.flow);
  // one chooser per form: the Next choices are sorted again only when a node's id, label or kind changed
  const [toChoices] = useState(createTargetChooser);
  return useMemo<FormEnv>(() => ({ nodeIds: Object.keys(flow.nodes), targets: toChoices(flow.nodes), languages: flow.settings?.languages ?? [], defaultLanguage: getDefaultLanguage(flow) }), [flow, toChoices]);
}
