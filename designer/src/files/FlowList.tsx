import { Copy, Pencil, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { FlowListEntry } from '../../../core/designer-api/types.ts';
import { countOf } from '../../../core/format/words.ts';
import { useDesigner, useDesignerStore } from '../stores/designer-context.tsx';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';
import { FLOW_ID_INPUT_PATTERN } from '../model/flow-id.ts';
import { confirmDiscard } from '../links/confirm-discard.ts';

/** The runtime's flows folder: open, create, rename, duplicate, delete. */
export function FlowList() {
  const files = useFilesStore();
  const designer = useDesignerStore();
  const flows = useFiles((state) => state.flows);
  const busy = useFiles((state) => state.busy);
  const openId = useDesigner((state) => state.flowId);
  const openErrorCount = useDesigner((state) => state.errorCount);
  // The open flow's count follows the edits, as the header's does; the others are as stored.
  const getErrorCount = (entry: FlowListEntry) => (entry.id === openId ? openErrorCount : entry.errorCount);
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; to: string } | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (newName.trim() === '' || !confirmDiscard(designer.getState().dirty)) return;
    void files.getState().create(newName);
    setNewName('');
  };

  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null) return;
    void files.getState().rename(renaming.id, renaming.to);
    setRenaming(null);
  };

  return (
    <section className="hl-files" data-testid="flow-list" aria-label="Flows">
      <h3>Flows</h3>
      <ul>
        {flows.map((entry) => (
          <li key={entry.id} className={entry.id === openId ? 'is-open' : ''}>
            {renaming?.id === entry.id ? (
              <form onSubmit={submitRename} className="hl-inline-form">
                <input
                  aria-label={`New id for ${entry.id}`}
                  value={renaming.to}
                  pattern={FLOW_ID_INPUT_PATTERN}
                  title="lowercase letters, digits, - or _"
                  onChange={(event) => setRenaming({ id: entry.id, to: event.target.value })}
                  autoFocus
                />
                <button type="submit">OK</button>
                <button type="button" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="hl-file-open"
                  disabled={busy}
                  onClick={() => confirmDiscard(designer.getState().dirty) && void files.getState().open(entry.id)}
                  title={`Open ${entry.id}`}
                >
                  <span className="hl-file-name">{entry.name ?? entry.id}</span>
                  <span className="hl-file-id">{entry.id}</span>
                  <span className="hl-file-tags">
                    {entry.published && <span className="hl-tag is-published">published</span>}
                    {entry.draft && <span className="hl-tag is-draft">draft</span>}
                    {getErrorCount(entry) > 0 && <span className="hl-tag is-error">{countOf(getErrorCount(entry), 'error')}</span>}
                  </span>
                </button>
                <span className="hl-file-actions">
                  <button type="button" title={`Rename ${entry.id}`} aria-label={`Rename ${entry.id}`} onClick={() => setRenaming({ id: entry.id, to: entry.id })}>
                    <Pencil size={14} aria-hidden />
                  </button>
                  <button type="button" title={`Duplicate ${entry.id}`} aria-label={`Duplicate ${entry.id}`} onClick={() => void files.getState().duplicate(entry.id)}>
                    <Copy size={14} aria-hidden />
                  </button>
                  <button
                    type="button"
                    title={`Delete ${entry.id}`}
                    aria-label={`Delete ${entry.id}`}
                    onClick={() => window.confirm(`Delete ${entry.id}${entry.published ? ' (it is published: calls to it will get the fallback)' : ''}?`) && void files.getState().remove(entry.id)}
                  >
                    <Trash2 size={14} aria-hidden />
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="hl-inline-form">
        <input aria-label="New flow name" placeholder="New flow name" value={newName} onChange={(event) => setNewName(event.target.value)} />
        <button type="submit" disabled={busy || newName.trim() === ''}>
          New flow
        </button>
      </form>
    </section>
  );
}
