const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The simulated phone's keypad; each key is labelled `key 0` ... `key #` for screen readers and browser tests. */
export function SimKeypad({ disabled, onKey }: { disabled: boolean; onKey: (key: string) => void }) {
  return (
    <div className="sim-keypad" role="group" aria-label="Keypad">
      {KEYS.map((key) => (
        <button key={key} type="button" className="sim-key" aria-label={`key ${key}`} disabled={disabled} onClick={() => onKey(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
