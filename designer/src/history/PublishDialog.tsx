import { useState } from 'react';
import { PUBLISH_NOTE_MAX_LENGTH } from '../../../core/designer-api/types.ts';
import { useFilesStore } from '../stores/files-context.tsx';

/** Asks for the publish's note (optional), which the history shows beside who published and when. */
export function PublishDialog({ onClose }: { onClose: () => void }) {
  const files = useFilesStore();
  const [note, setNote] = useState('');
  const publish = () => {
    onClose();
    void files.getState().publish(note);
  };
  return (
    <div className="hl-dialog-backdrop">
      <div className="hl-dialog" role="dialog" aria-modal="true" aria-labelledby="hl-publish-title">
        <h2 id="hl-publish-title">Publish</h2>
        <p>Calls from now on get this version. A note says why, in the flow's history.</p>
        <textarea
          aria-label="Publish note"
          placeholder="What changed, and why (optional)"
          maxLength={PUBLISH_NOTE_MAX_LENGTH}
          rows={3}
          autoFocus
          value={note}
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClose();
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) publish();
          }}
        />
        <div className="hl-dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="is-primary" onClick={publish}>
            Publish
          </button>
        </div>
      </div>
    </div>
  );
}
