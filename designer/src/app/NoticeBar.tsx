import { useDesignerStore } from '../stores/designer-context.tsx';
import { useFiles, useFilesStore } from '../stores/files-context.tsx';

/** How the last file action went; a refused publish or an import lists its findings. */
export function NoticeBar() {
  const files = useFilesStore();
  const designer = useDesignerStore();
  const notice = useFiles((state) => state.notice);
  if (notice === null) return null;
  return (
    <div className={`hl-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      {notice.findings && notice.findings.length > 0 && (
        <ul>
          {notice.findings.map((finding, index) => (
            <li key={index}>
              <button type="button" className="hl-link" onClick={() => finding.nodeId !== undefined && designer.getState().select({ nodeIds: [finding.nodeId] })}>
                {finding.severity} {finding.ruleId}
                {finding.nodeId !== undefined ? ` at ${finding.nodeId}` : ''}: {finding.message}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="hl-notice-close" aria-label="Dismiss" onClick={() => files.getState().dismissNotice()}>
        ×
      </button>
    </div>
  );
}
