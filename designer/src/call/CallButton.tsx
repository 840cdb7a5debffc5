import { Phone } from 'lucide-react';
import { useCallback, useState } from 'react';
import './call.css';
import { PhoneKeypad } from '../keypad/PhoneKeypad.tsx';
import { CallSetupHelp } from './CallSetupHelp.tsx';
import { useBrowserCall, type BrowserCallState } from './use-browser-call.ts';
import { useBrowserCallStatus } from './use-browser-call-status.ts';

const LABEL = 'Call from browser';
/** A phone and a word: the header's toolbar keeps one row at 1280 px; the full name is the button's accessible name. */
const FACE = (
  <>
    <Phone size={14} aria-hidden /> Call
  </>
);

const PROGRESS_TEXT: Record<BrowserCallState['progress'], string> = {
  idle: '',
  connecting: 'Connecting…',
  inCall: 'In call',
  ended: 'Call ended',
};

/** "Call from browser": a real Twilio call to the flow's published version, or help to set one up. */
export function CallButton({ flowId }: { flowId: string | null }) {
  const statusCheck = useBrowserCallStatus();
  const { state, start, hangUp, sendDigit } = useBrowserCall();
  const [helpOpen, setHelpOpen] = useState(false);
  const closeHelp = useCallback(() => setHelpOpen(false), []);

  if (flowId === null) {
    return (
      <div className="call" data-testid="call-button">
        <button type="button" className="call-button" aria-label={LABEL} disabled title="Save the flow first: a call runs the flow saved and published on the runtime">
          {FACE}
        </button>
      </div>
    );
  }

  const configured = statusCheck.kind === 'known' && statusCheck.status.configured;
  if (!configured) {
    return (
      <div className="call" data-testid="call-button">
        <button
          type="button"
          className="call-button"
          aria-label={LABEL}
          disabled={statusCheck.kind === 'checking'}
          aria-expanded={helpOpen}
          title={statusCheck.kind === 'checking' ? 'Asking the runtime whether Twilio is set up…' : 'Twilio is not set up for calls from the browser'}
          onClick={() => setHelpOpen((open) => !open)}
        >
          {FACE}
        </button>
        {helpOpen && statusCheck.kind !== 'checking' && (
          <CallSetupHelp
            missing={statusCheck.kind === 'known' ? statusCheck.status.missing : []}
            problem={statusCheck.kind === 'failed' ? statusCheck.message : null}
            onClose={closeHelp}
          />
        )}
      </div>
    );
  }

  const live = state.progress === 'connecting' || state.progress === 'inCall';
  return (
    <div className="call" data-testid="call-button">
      {live ? (
        <button type="button" className="call-button call-hangup" onClick={hangUp}>
          Hang up
        </button>
      ) : (
        <button type="button" className="call-button" aria-label={LABEL} title="Calls the published version of this flow through Twilio" onClick={() => void start(flowId)}>
          {FACE}
        </button>
      )}
      {(state.progress !== 'idle' || state.error !== null) && (
        <div className="call-panel" aria-live="polite">
          {state.progress !== 'idle' && <p className={`call-progress call-progress-${state.progress}`}>{PROGRESS_TEXT[state.progress]}</p>}
          {state.error !== null && <p className="call-error">{state.error}</p>}
          {state.progress === 'inCall' && <PhoneKeypad className="call-keypad" keyClassName="call-key" onKey={sendDigit} />}
          {state.digits !== '' && <p className="call-digits">Sent: {state.digits}</p>}
        </div>
      )}
    </div>
  );
}
