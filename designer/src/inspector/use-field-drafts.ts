import { useState } from 'react';
import { useDesignerStore } from '../app/designer-context.tsx';
import { isObject } from './form-values.ts';

/** A top-level field's value the store refused, kept so the user's typing is not lost. */
interface Draft {
  /** the stored value the draft was made from: once that changes (undo, another edit), the draft is stale */
  base: unknown;
  value: unknown;
  /** why the store refused it */
  error: string;
}

export interface FieldDrafts {
  /** the value to show: the draft while it is current, else the stored value */
  valueOf(key: string, stored: unknown): unknown;
  /** why the shown value is not saved, or null */
  errorOf(key: string, stored: unknown): string | null;
  /** sends the field's whole new value to the store; a refused value stays as the draft */
  commit(key: string, value: unknown): void;
}

export function useFieldDrafts(nodeId: string): FieldDrafts {
  const store = useDesignerStore();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const current = (key: string, stored: unknown) => {
    const draft = Object.hasOwn(drafts, key) ? drafts[key] : undefined;
    return draft !== undefined && Object.is(draft.base, stored) ? draft : undefined;
  };
  return {
    valueOf: (key, stored) => (current(key, stored) ?? { value: stored }).value,
    errorOf: (key, stored) => current(key, stored)?.error ?? null,
    commit(key, value) {
      const node: unknown = store.getState().flow.nodes[nodeId];
      const base = isObject(node) ? node[key] : undefined;
      const ok = store.getState().updateNode(nodeId, { [key]: value }, { typing: true });
      const error = store.getState().lastError ?? 'The edit was refused.';
      setDrafts(({ [key]: _old, ...rest }) => (ok ? rest : { ...rest, [key]: { base, value, error } }));
    },
  };
}
