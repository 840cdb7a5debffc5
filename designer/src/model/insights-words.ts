import type { CallListEntry, CallOutcome } from '../../../core/designer-api/types.ts';

// The words and numbers the calls list, the dashboard and the canvas overlay
// print, written once so a figure reads the same on every screen.

/** What each outcome means to a designer, as the filter and the dashboard name it. */
export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  person: 'Reached a person',
  followUp: 'Follow-up',
  callerChoice: 'Ended by choice',
  hungUp: 'Hung up',
  fallback: 'Runtime fallback',
  inProgress: 'In progress',
};

/** `45 s`, `3 min 05 s`, `1 h 02 min`; a dash when there is no figure. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/** `part` of `whole` as a whole percentage (`0.4%` below one); a dash when there is nothing to share. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const percent = (part / whole) * 100;
  if (percent > 0 && percent < 1) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

/** A 0-1 share as a percentage. */
export const formatFraction = (share: number): string => formatShare(share, 1);

/** The outcome cell of a call: a hang-up says where. */
export function describeOutcome(call: Pick<CallListEntry, 'outcome' | 'endNodeId'>): string {
  if (call.outcome === 'hungUp' && call.endNodeId !== null) return `Hung up at ${call.endNodeId}`;
  return OUTCOME_LABELS[call.outcome];
}

/** A mean score to one decimal; a dash without scores. */
export const formatScore = (score: number | null): string => (score === null ? '—' : score.toFixed(1));

/** `3:20`, `12:05`, `1:02:03`: short enough for a chart's axis. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(whole % 60)}` : `${minutes}:${pad(whole % 60)}`;
}
