import { z } from 'zod';
import { MEASURES, type MeasuredEvidence, type MeasureId } from '../core/profiles/measures.ts';
import { toPrintable } from '../core/format/printable.ts';
import { readBounded } from '../runtime/call/perform-lookup.ts';
import { ISO_TIME } from '../runtime/designer-api/schemas.ts';
import { StoreOpenError } from '../runtime/errors.ts';
import { readMeasuredEvidence } from '../runtime/store/read-measured-evidence.ts';
import { FatalError, UsageError } from './io.ts';

// Where `humanline report` takes its measured evidence from: a store's folder read directly (--data), or a running
// runtime's designer API (--url). Both answer the same MeasuredEvidence for a flow id and a period.

const DAY_MS = 86_400_000;
/** The period when none is given: the 30 days to now, as the runtime's API has it. */
const DEFAULT_PERIOD_DAYS = 30;
/** The longest period, as the runtime's API allows: a year, leap or not. */
const MAX_PERIOD_DAYS = 366;
/** An answer is four figures: anything much larger is not the runtime's. */
const MAX_ANSWER_BYTES = 64 * 1024;
const ANSWER_TIMEOUT_MS = 15_000;

export interface Period {
  from: Date;
  to: Date;
}

export type MeasuresSource = { kind: 'store'; dataDir: string } | { kind: 'runtime'; url: URL; adminToken: string };

function parseIsoTime(value: string, option: string): Date {
  const time = ISO_TIME.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw new UsageError(`bad ${option} value "${toPrintable(value)}": expected an ISO date or time such as 2026-03-01 or 2026-03-01T09:00:00Z`);
  return time;
}

/** `--from`/`--to`, by default the 30 days to now; `from` before `to`, at most 366 days apart. */
export function toPeriod(from: string | undefined, to: string | undefined, now: Date): Period {
  const end = to === undefined ? now : parseIsoTime(to, '--to');
  const start = from === undefined ? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS) : parseIsoTime(from, '--from');
  if (start.getTime() >= end.getTime()) throw new UsageError(`--from (${start.toISOString()}) must be before --to (${end.toISOString()})`);
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw new UsageError(`--from must be at most ${MAX_PERIOD_DAYS} days before --to`);
  return { from: start, to: end };
}

/** A runtime's base URL: http or https only, nothing after the host's path. */
export function toRuntimeUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`bad --url value "${toPrintable(value)}": expected the runtime's address, such as http://localhost:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`bad --url value "${toPrintable(value)}": expected an http or https address`);
  if (url.username !== '' || url.password !== '') throw new UsageError('bad --url value: give the admin token with --admin-token or HUMANLINE_ADMIN_TOKEN, not in the address');
  return url;
}

const figure = z.object({ value: z.number().finite().nullable(), calls: z.number().int().nonnegative() }).strict();
const MeasuredEvidenceSchema = z
  .object({
    flowId: z.string(),
    from: z.string(),
    to: z.string(),
    calls: z.number().int().nonnegative(),
    measures: z.object(Object.fromEntries(Object.keys(MEASURES).map((id) => [id, figure])) as Record<MeasureId, typeof figure>).strict(),
  })
  .strict();

/** The `error` of a designer API answer, printable, or the status alone. */
function describeRefusal(status: number, body: string | undefined): string {
  let said: unknown;
  try {
    said = body === undefined ? undefined : (JSON.parse(body) as { error?: unknown }).error;
  } catch {
    said = undefined;
  }
  return typeof said === 'string' ? `${status}: ${toPrintable(said).slice(0, 300)}` : String(status);
}

async function fetchMeasuredEvidence(url: URL, adminToken: string, flowId: string, period: Period): Promise<MeasuredEvidence> {
  const target = new URL(`api/flows/${encodeURIComponent(flowId)}/measures`, url.href.endsWith('/') ? url : `${url.href}/`);
  target.search = new URLSearchParams({ from: period.from.toISOString(), to: period.to.toISOString() }).toString();
  let response: Response;
  // a runtime, or what answers in its place, could send anything: read no more than an answer of measures takes
  let body: string | undefined;
  try {
    response = await fetch(target, {
      headers: { Authorization: `Bearer ${adminToken}`, Accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    body = await readBounded(response, MAX_ANSWER_BYTES);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new FatalError(`cannot reach the runtime at ${url.origin} (${toPrintable(cause)}): is humanline serve running there?`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new FatalError(`the runtime at ${url.origin} refused the admin token (${describeRefusal(response.status, body)}): give its HUMANLINE_ADMIN_TOKEN`);
  }
  if (!response.ok) throw new FatalError(`the runtime at ${url.origin} refused the measures of flow ${flowId} (${describeRefusal(response.status, body)})`);
  if (body === undefined) throw new FatalError(`the runtime at ${url.origin} answered more than ${MAX_ANSWER_BYTES / 1024} KB for the measures of flow ${flowId}: is it humanline serve?`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const evidence = MeasuredEvidenceSchema.safeParse(parsed);
  if (!evidence.success || evidence.data.flowId !== flowId) {
    throw new FatalError(`the runtime at ${url.origin} did not answer measures for flow ${flowId}: is it humanline serve, of this version?`);
  }
  return evidence.data;
}

/** Each flow's measured evidence for the period, by flow id, from the store or the runtime. */
export async function getMeasuredEvidence(source: MeasuresSource, flowIds: readonly string[], period: Period): Promise<Map<string, MeasuredEvidence>> {
  const measured = new Map<string, MeasuredEvidence>();
  for (const flowId of new Set(flowIds)) {
    if (source.kind === 'runtime') {
      measured.set(flowId, await fetchMeasuredEvidence(source.url, source.adminToken, flowId, period));
      continue;
    }
    try {
      measured.set(flowId, await readMeasuredEvidence({ dataDir: source.dataDir, flowId, ...period }));
    } catch (error) {
      if (error instanceof StoreOpenError) throw new FatalError(toPrintable(error.message));
      throw error;
    }
  }
  return measured;
}
