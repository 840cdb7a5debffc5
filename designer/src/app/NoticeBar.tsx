import { ListChecks, X } from 'lucide-react';
import { countOf } from '../../../core/format/words.ts';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';
import { useUiStore } from '../stores/ui-context.tsx';

/**
 * How the last file action went, in one line. A refused publish or an import
 * says how many findings it has and lists them in the problems panel, never
 * here: a list above the canvas would push the designer out of sight.
 */
export function NoticeBar() {
  const files = useFilesStore();
  const ui = useUiStore();
  const notice = useFiles((state) => state.notice);
  if (notice === null) return null;
  const findings = notice.findings ?? [];
  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  return (
    <div className={`hl-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span className="hl-notice-text" title={notice.text}>
        {notice.text}
      </span>
      {findings.length > 0 && (
        <>
          <span className="hl-notice-count">{errorCount > 0 ? `${countOf(errorCount, 'error')}: see Problems` : `${countOf(findings.length, 'note')}: see Problems`}</span>
          <button type="button" className="hl-notice-show" onClick={() => ui.getState().focusProblems()}>
            <ListChecks size={14} aria-hidden="true" />
            Show in Problems
          </button>
        </>
      )}
      <button type="button" className="hl-notice-close" aria-label="Dismiss" onClick={() => files.getState().dismissNotice()}>
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
