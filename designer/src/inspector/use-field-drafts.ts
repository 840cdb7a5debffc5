import { useState } from 'react';
import { useDesignerStore } from '../stores/designer-context.tsx';
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
  /** whether a field shows `error` beside it, so the panel need not repeat it at the top */
  isShown(error: string): boolean;
  /** sends the field's whole new value to the store; a refused value stays as the draft */
  commit(key: string, value: unknown): void;
}

/** Where a form's fields live: a node, or the flow itself. */
export interface FieldTarget {
  /** the stored object the fields belong to */
  read(): unknown;
  /** sends one top-level field's new value; false when the store refused it */
  write(key: string, value: unknown): boolean;
}

export function useFieldDrafts(target: FieldTarget): FieldDrafts {
  const store = useDesignerStore();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const current = (key: string, stored: unknown) => {
    const draft = Object.hasOwn(drafts, key) ? drafts[key] : undefined;
    return draft !== undefined && Object.is(draft.base, stored) ? draft : undefined;
  };
  return {
    valueOf: (key, stored) => (current(key, stored) ?? { value: stored }).value,
    errorOf: (key, stored) => current(key, stored)?.error ?? null,
    isShown: (error) => Object.values(drafts).some((draft) => draft.error === error),
    commit(key, value) {
      const object = target.read();
      const base = isObject(object) ? object[key] : undefined;
      const ok = target.write(key, value);
      const error = store.getState().lastError ?? 'The edit was refused.';
      setDrafts(({ [key]: _old, ...rest }) => (ok ? rest : { ...rest, [key]: { base, value, error } }));
    },
  };
}

/** A node's fields; typing in one field is one undo entry. */
export function useNodeFieldDrafts(nodeId: string): FieldDrafts {
  const store = useDesignerStore();
  return useFieldDrafts({
    read: () => store.getState().flow.nodes[nodeId],
    write: (key, value) => store.getState().updateNode(nodeId, { [key]: value }, { typing: true }),
  });
}

/** The flow's own fields (name, description, settings, rules). */
export function useFlowFieldDrafts(): FieldDrafts {
  const store = useDesignerStore();
  return useFieldDrafts({
    read: () => store.getState().flow,
    write: (key, value) => store.getState().updateFlow({ [key]: value }, { typing: true }),
  });
}
