import { memo } from 'react';

/** A phone's keys, in a phone's order. */
const PHONE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

interface PhoneKeypadProps {
  /** class of the grid and of each key, so the simulator and the real call style it their own way */
  className: string;
  keyClassName: string;
  disabled?: boolean;
  onKey(key: string): void;
}

/** The keypad of the simulated phone and of a real test call; each key is labelled `key 0` ... `key #`. */
export const PhoneKeypad = memo(function PhoneKeypad({ className, keyClassName, disabled = false, onKey }: PhoneKeypadProps) {
  return (
    <div className={className} role="group" aria-label="Keypad">
      {PHONE_KEYS.map((key) => (
        <button key={key} type="button" className={keyClassName} aria-label={`key ${key}`} disabled={disabled} onClick={() => onKey(key)}>
          {key}
        </button>
      ))}
    </div>
  );
});
