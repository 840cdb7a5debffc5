import { memo } from 'react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The phone's keys, for menus and inputs during a call. */
export const CallKeypad = memo(function CallKeypad({ onKey }: { onKey: (key: string) => void }) {
  return (
    <div className="call-keypad" role="group" aria-label="Keypad">
      {KEYS.map((key) => (
        <button key={key} type="button" className="call-key" onClick={() => onKey(key)}>
          {key}
        </button>
      ))}
    </div>
  );
});
