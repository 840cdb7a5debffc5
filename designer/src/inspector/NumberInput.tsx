import { useState } from 'react';
import type { Widget } from './form-model.ts';

const toText = (value: number | undefined) => (value === undefined ? '' : String(value));

/** '' is no number (the field left out); NaN is text still being typed ("-", "1e"). */
function parseNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

interface NumberInputProps {
  id: string;
  name: string;
  value: number | undefined;
  widget: Extract<Widget, { type: 'number' }>;
  placeholder?: string | undefined;
  /** the typed number, or undefined when emptied; not called while the text is no number */
  onChange(value: number | undefined): void;
}

/**
 * A number input that keeps what the user typed: its text is replaced only
 * when the value changes from elsewhere (an undo, another node), not when the
 * store refuses a number or the text is half a number.
 */
export function NumberInput({ id, name, value, widget, placeholder, onChange }: NumberInputProps) {
  const [state, setState] = useState({ text: toText(value), value });
  let text = state.text;
  if (!Object.is(state.value, value)) {
    // Our own edit coming back keeps its spelling ("1.50"); anything else shows the new value.
    if (!Object.is(parseNumber(state.text), value)) text = toText(value);
    setState({ text, value });
  }
  const change = (next: string) => {
    setState({ text: next, value });
    const parsed = parseNumber(next);
    if (!Number.isNaN(parsed)) onChange(parsed);
  };
  return (
    <input
      className="insp-input insp-number"
      id={id}
      name={name}
      type="number"
      inputMode={widget.integer ? 'numeric' : 'decimal'}
      min={widget.min}
      max={widget.max}
      step={widget.integer ? 1 : 'any'}
      placeholder={placeholder}
      value={text}
      onChange={(e) => change(e.target.value)}
    />
  );
}
