import { memo, useEffect, useRef } from 'react';
import type { TranscriptLine } from './transcript.ts';

function getSpeaker(line: TranscriptLine): string {
  switch (line.kind) {
    case 'system':
      return `System · ${line.language}`;
    case 'audio':
      return 'System · audio';
    case 'announcement':
      return 'System · announcement';
    case 'caller':
      return 'Caller';
    case 'environment':
      return 'Environment';
    case 'outcome':
      return 'Result';
  }
}

/** The call so far, one list item per line, kept scrolled to the latest. */
export const SimTranscript = memo(function SimTranscript({ lines }: { lines: readonly TranscriptLine[] }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines.length]);
  return (
    <ol className="sim-transcript" data-testid="sim-transcript" ref={list} aria-label="Transcript" aria-live="polite">
      {lines.map((line, index) => (
        <li key={index} className={`sim-line sim-line-${line.kind}`}>
          <span className="sim-speaker">{getSpeaker(line)}</span>
          <span className="sim-text">{line.kind === 'audio' ? line.url : line.text}</span>
        </li>
      ))}
    </ol>
  );
});
