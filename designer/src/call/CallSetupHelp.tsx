import { useEffect } from 'react';

/** The popover shown instead of a call when the runtime lacks Twilio credentials (or could not say). */
export function CallSetupHelp({ missing, problem, onClose }: { missing: string[]; problem: string | null; onClose: () => void }) {
  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [onClose]);

  return (
    <div className="call-popover" role="dialog" aria-label="Set up calls from the browser">
      {problem !== null ? (
        <p className="call-error">{problem}</p>
      ) : (
        <>
          <p>To call this flow from the browser, set these variables in the runtime's environment and restart it:</p>
          <ul className="call-missing">
            {missing.map((name) => (
              <li key={name}>
                <code>{name}</code>
              </li>
            ))}
          </ul>
          <p>
            In the Twilio console, create a TwiML App and set its Voice URL to <code>&lt;PUBLIC_BASE_URL&gt;/twilio/client</code> (HTTP POST). The runtime
            must also have <code>TWILIO_AUTH_TOKEN</code> and <code>PUBLIC_BASE_URL</code>.
          </p>
        </>
      )}
      <button type="button" className="call-close" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
