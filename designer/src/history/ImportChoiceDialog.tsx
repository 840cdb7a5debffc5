import { useFiles, useFilesStore } from '../stores/files-context.tsx';

/** The same export imported again: replace the draft it made, or keep both under distinct names. */
export function ImportChoiceDialog() {
  const files = useFilesStore();
  const pending = useFiles((state) => state.pendingImport);
  if (pending === null) return null;
  return (
    <div className="hl-dialog-backdrop">
      <div className="hl-dialog" role="dialog" aria-modal="true" aria-labelledby="hl-import-title">
        <h2 id="hl-import-title">Imported before</h2>
        <p>
          {pending.fileName} looks imported already as <strong>{pending.existingId}</strong> ("{pending.name}"). Replace that flow's draft with this export, or keep both?
        </p>
        <div className="hl-dialog-actions">
          <button type="button" onClick={() => void files.getState().resolveImport('cancel')}>
            Cancel
          </button>
          <button type="button" onClick={() => void files.getState().resolveImport('keepBoth')}>
            Keep both
          </button>
          <button type="button" className="is-primary" onClick={() => void files.getState().resolveImport('replace')}>
            Replace draft
          </button>
        </div>
      </div>
    </div>
  );
}
