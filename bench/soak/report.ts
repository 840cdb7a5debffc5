import type { CallOutcome, CallResult } from './caller.ts';
import type { TimelineEntry } from './faults.ts';
import type { LookupMode } from './lookup-server.ts';
import type { SoakStats } from './switchboard.ts';

// The soak's figures, printed once at the end; `printReport` says whether the
// run failed its goals (a stranded caller, a webhook over 15 s, a lost write).

const STRANDED_SHOWN = 5;

export interface MemorySample {
  replica: number;
  /** resident memory in kB at the start, the highest sampled, and at the end (of the replica's process then) */
  startKb: number | undefined;
  maxKb: number | undefined;
  endKb: number | undefined;
  /** processes the replica ran as (1 + restarts) */
  processes: number;
}

export interface SoakReport {
  minutes: number;
  callers: number;
  seed: number;
  cores: number;
  trafficSeconds: number;
  results: CallResult[];
  stats: SoakStats;
  timeline: TimelineEntry[];
  memory: MemorySample[];
  lookups: Record<LookupMode, number>;
  lost: { checked: number; lost: string[] };
  /** trails of calls where the runtime apologised with no fault to explain it */
  apologyExamples: string[][];
  publishSeen: { new: number; old: number };
  unexplainedApologyTimes: number[];
}

const count = (n: number) => n.toLocaleString('en-US');
const mb = (kb: number | undefined) => (kb === undefined ? '?' : `${Math.round(kb / 1024)} MB`);

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function formatCounts(counts: Map<string, number>): string {
  if (counts.size === 0) return 'none';
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `\n    ${count(n).padStart(7)}  ${kind}`)
    .join('');
}

/** Stranded calls grouped by flow and the last answer they got, so one cause shows as one line. */
function groupStranded(stranded: CallResult[]): Map<string, CallResult[]> {
  const groups = new Map<string, CallResult[]>();
  for (const call of stranded) {
    const lastAnswer = call.trail.filter((line) => !line.includes('/twilio/status')).at(-1)?.split(' -> ')[1] ?? '(no answer)';
    const key = `${call.flowId}: ${call.strandedReason === undefined ? '' : `${call.strandedReason}; `}last answer ${lastAnswer}`;
    groups.set(key, [...(groups.get(key) ?? []), call]);
  }
  return groups;
}

/** Prints the figures; true when the run failed its goals. */
export function printReport(report: SoakReport): boolean {
  const { results, stats } = report;
  const outcomes = new Map<CallOutcome, number>();
  for (const result of results) outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
  const stranded = results.filter((result) => result.outcome === 'stranded');
  const latencies = [...stats.latencies].sort((a, b) => a - b);
  const lines = [
    '',
    `humanline soak: 3 replicas + 1 Redis on loopback, ${report.minutes} min of traffic (${report.trafficSeconds.toFixed(0)} s), ${report.callers} callers, seed ${report.seed}, ${report.cores} cores`,
    '',
    'fault timeline:',
    ...report.timeline.map((entry) => `  ${entry.at.toFixed(1).padStart(6)} s  ${entry.text}`),
    '',
    `calls               ${count(results.length)}  (person ${count(outcomes.get('person') ?? 0)}, follow-up ${count(outcomes.get('followUp') ?? 0)}, caller's choice ${count(outcomes.get('callerChoice') ?? 0)})`,
    `stranded callers    ${count(stranded.length)}  (goal 0)`,
    `webhooks            ${count(stats.webhooks)}  p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    `  over 2 s          ${count(stats.over2s)}`,
    `  over 15 s         ${count(stats.over15s)}  (goal 0)`,
    `fallbacks taken     ${count(stats.fallbacksTaken)}  (Twilio's Fallback URL on another replica, after a failed webhook)`,
    `runtime apologies   ${formatCounts(stats.apologies)}`,
    `errors              ${formatCounts(stats.errors)}`,
    `after a publish     ${count(report.publishSeen.new)} new calls heard the new greeting, ${count(report.publishSeen.old)} the old one  (goal 0)`,
    `acknowledged, lost  ${count(report.lost.lost.length)} of ${count(report.lost.checked)} calls whose completed status was acknowledged before the last Redis restart  (goal 0)`,
    `look-ups served     ${Object.entries(report.lookups)
      .map(([mode, n]) => `${mode} ${count(n)}`)
      .join(', ')}`,
    'memory (RSS)        start -> end (highest sampled), per replica',
    ...report.memory.map(
      (sample) =>
        `  r${sample.replica}                ${mb(sample.startKb)} -> ${mb(sample.endKb)} (${mb(sample.maxKb)})${sample.processes > 1 ? `, ${sample.processes - 1} restart(s): end is the last process` : ''}`,
    ),
  ];
  if (stranded.length > 0) {
    lines.push('', 'stranded callers by flow and last answer:');
    for (const [group, calls] of groupStranded(stranded)) {
      const times = calls.map((call) => call.trail[0]?.trim().split(' ')[0] ?? '?');
      lines.push(`  ${String(calls.length).padStart(5)}  ${group}  (first webhook at ${times[0]} s .. ${times[times.length - 1]} s)`);
    }
    lines.push('', `stranded callers (first ${Math.min(STRANDED_SHOWN, stranded.length)} of ${stranded.length}), with their webhooks:`);
    for (const result of stranded.slice(0, STRANDED_SHOWN)) {
      lines.push(`  ${result.callSid} ${result.flowId} (${result.persona}): ${result.strandedReason}`);
      lines.push(...result.trail.map((line) => `      ${line}`));
    }
  }
  if (report.unexplainedApologyTimes.length > 0) {
    const buckets = new Map<number, number>();
    for (const at of report.unexplainedApologyTimes) buckets.set(Math.floor(at / 5) * 5, (buckets.get(Math.floor(at / 5) * 5) ?? 0) + 1);
    lines.push('', 'apologies with no fault to explain them, by 5 s of the run:');
    lines.push(`  ${[...buckets].map(([at, n]) => `${at}-${at + 5} s: ${n}`).join(', ')}`);
  }
  if (report.apologyExamples.length > 0) {
    lines.push('', `apologies with no fault to explain them (first ${report.apologyExamples.length}), with the call's webhooks so far:`);
    for (const trail of report.apologyExamples) lines.push(...trail.map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`));
  }
  if (report.lost.lost.length > 0) lines.push('', `lost after the Redis restart (first 5): ${report.lost.lost.slice(0, 5).join(', ')}`);
  const failed = stranded.length > 0 || stats.over15s > 0 || report.lost.lost.length > 0;
  lines.push('', failed ? 'soak FAILED its goals (stranded callers, webhooks over 15 s or lost writes)' : 'soak passed: 0 stranded, 0 over 15 s, nothing acknowledged lost', '');
  process.stdout.write(lines.join('\n'));
  return failed;
}
