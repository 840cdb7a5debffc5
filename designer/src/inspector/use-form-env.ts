import { useMemo } from 'react';
import { getDefaultLanguage } from '../../../core/interpreter/state.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { toTargetChoices } from '../model/inspector-choices.ts';
import type { FormEnv } from './form-values.ts';

/** What every form needs of the flow: its node ids for targets, its languages for prompts. */
export function useFormEnv(): FormEnv {
  const flow = useDesigner((state) => state.flow);
  return useMemo<FormEnv>(() => ({ nodeIds: Object.keys(flow.nodes), targets: toTargetChoices(flow.nodes), languages: flow.settings?.languages ?? [], defaultLanguage: getDefaultLanguage(flow) }), [flow]);
}
