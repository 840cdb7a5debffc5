import { useEffect } from 'react';
import { CALL_OUTCOMES, type CallOutcome } from '../../../core/designer-api/types.ts';
import { countOf } from '../../../core/format/words.ts';
import { toCallsCsvUrl, type CallFilters } from '../model/insights-query.ts';
import { describeOutcome, formatDuration, OUTCOME_LABELS } from '../model/insights-words.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useInsights, useInsightsStore } from '../stores/insights-context.tsx';
import { CallView } from './CallView.tsx';

// The flow's calls, newest first, a page at a time from the server: filter
// by outcome, days and version, download them, open one to see its path.
// Caller numbers show as the API gives them: masked, unless the designer asks for
// whole ones and the runtime's operator allows it (else the API says how).

function Filters({ flowId, filters }: { flowId: string; filters: CallFilters }) {
  const insights = useInsightsStore();
  const change = (patch: Partial<CallFilters>) => void insights.getState().loadCalls(flowId, { ...filters, ...patch });
  return (
    <form className="hl-filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Outcome
        <select aria-label="Outcome" value={filters.outcome} onChange={(event) => change({ outcome: event.target.value as CallOutcome | '' })}>
          <option value="">any</option>
          {CALL_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" aria-label="From" value={filters.fromDay} onChange={(event) => change({ fromDay: event.target.value })} />
      </label>
      <label>
        To
        <input type="date" aria-label="To" value={filters.toDay} onChange={(event) => change({ toDay: event.target.value })} />
      </label>
      <label>
        Version
        <input type="text" aria-label="Version" placeholder="every version" value={filters.version} onChange={(event) => change({ version: event.target.value })} />
      </label>
      <label className="hl-check" title="Only when the runtime's operator set HUMANLINE_SHOW_CALLER_NUMBERS=true">
        <input type="checkbox" aria-label="Whole numbers" checked={filters.showNumbers} onChange={(event) => change({ showNumbers: event.target.checked })} />
        Whole numbers
      </label>
      <a className="hl-download" href={toCallsCsvUrl(flowId, filters)} download>
        Download CSV
      </a>
    </form>
  );
}

function CallTable() {
  const insights = useInsightsStore();
  const calls = useInsights((state) => state.calls);
  return (
    <table className="hl-table" data-testid="calls-table">
      <thead>
        <tr>
          <th>Start</th>
          <th>Caller</th>
          <th>Duration</th>
          <th>Version</th>
          <th>Outcome</th>
          <th>To a person</th>
          <th>Survey</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.callSid} className={`hl-call-row is-${call.outcome}`} data-testid={`call-${call.callSid}`} tabIndex={0} onClick={() => void insights.getState().openCall(call.callSid)} onKeyDown={(event) => event.key === 'Enter' && void insights.getState().openCall(call.callSid)}>
            <td>{new Date(call.startedAt).toLocaleString()}</td>
            <td className="hl-caller">{call.caller}</td>
            <td>{formatDuration(call.durationSeconds)}</td>
            <td className="hl-version" title={call.versionId}>
              {call.versionId}
            </td>
            <td>{describeOutcome(call)}</td>
            <td>{formatDuration(call.secondsToPerson)}</td>
            <td>{call.surveyScore ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CallsView() {
  const insights = useInsightsStore();
  const flowId = useDesigner((state) => state.flowId);
  const filters = useInsights((state) => state.filters);
  const shown = useInsights((state) => state.calls.length);
  const total = useInsights((state) => state.total);
  const nextCursor = useInsights((state) => state.nextCursor);
  const loading = useInsights((state) => state.loadingCalls);
  const error = useInsights((state) => state.error);
  const opened = useInsights((state) => state.openedCall);

  useEffect(() => {
    if (flowId !== null) void insights.getState().loadCalls(flowId);
  }, [flowId, insights]);

  if (flowId === null) return <p className="hl-insights-empty">Save the flow first: calls are recorded per saved flow.</p>;
  if (opened !== null) return <CallView opened={opened} />;
  return (
    <section className="hl-insights" data-testid="calls" aria-busy={loading}>
      <Filters flowId={flowId} filters={filters} />
      {error !== null && <p className="hl-insights-error" role="alert">{error}</p>}
      <CallTable />
      <div className="hl-calls-more">
        <span data-testid="calls-count">{loading && shown === 0 ? 'Loading…' : `${shown} of ${countOf(total, 'call')}`}</span>
        {nextCursor !== null && (
          <button type="button" onClick={() => void insights.getState().loadMoreCalls()} disabled={loading}>
            Load more
          </button>
        )}
      </div>
    </section>
  );
}
