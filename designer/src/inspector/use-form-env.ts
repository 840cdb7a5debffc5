import { useMemo, useState } from 'react';
import { getDefaultLanguage } from '../../../core/interpreter/state.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useFiles } from '../stores/files-context.tsx';
import { createTargetChooser } from '../model/inspector-choices.ts';
import type { FormEnv } from './form-values.ts';

/** What every form needs of the flow: its node ids for targets, its languages for prompts; and the runtime's flow ids for links. */
export function useFormEnv(): FormEnv {
  const flow = useDesigner((state) => state.flow);
  const flows = useFiles((state) => state.flows);
  // one chooser per form: the Next choices are sorted again only when a node's id, label or kind changed
  const [toChoices] = useState(createTargetChooser);
  return useMemo<FormEnv>(
    () => ({ nodeIds: Object.keys(flow.nodes), targets: toChoices(flow.nodes), languages: flow.settings?.languages ?? [], defaultLanguage: getDefaultLanguage(flow), flowIds: flows.map((entry) => entry.id) }),
    [flow, flows, toChoices],
  );
}
