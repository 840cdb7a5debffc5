import { useRef, type ReactNode } from 'react';

/** An icon button that opens the browser's file picker for a JSON file and hands over its name and text. */
export function FilePickerButton(props: { label: string; title: string; testId: string; disabled?: boolean; icon: ReactNode; onFile(name: string, text: string): void | Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="hl-icon-button" onClick={() => input.current?.click()} disabled={props.disabled} aria-label={props.label} title={props.title}>
        {props.icon}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={props.testId}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          // cleared, so picking the same file again is a change too
          event.target.value = '';
          if (file) await props.onFile(file.name, await file.text());
        }}
      />
    </>
  );
}
