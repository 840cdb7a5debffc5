import { useEffect, useMemo, useState } from 'react';
import uPlot from 'uplot';
import { CALL_OUTCOMES, type FlowAnalytics } from '../../../core/designer-api/types.ts';
import { countOf } from '../../../core/format/words.ts';
import { formatClock, formatDuration, formatScore, formatShare, formatFraction, OUTCOME_LABELS } from '../model/insights-words.ts';
import { parseTargetSeconds, toNodesCsvUrl, type AnalyticsRange } from '../model/insights-query.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useInsights, useInsightsStore } from '../stores/insights-context.tsx';
import { UplotChart } from './UplotChart.tsx';

// The flow's figures for a range of days: how many calls, how many reached a
// person and how fast against the target, where callers gave up, what they
// scored. Counts come from the API as they are; nothing is recounted here.

const PERCENTILES = ['p50', 'p90', 'p95'] as const;
const bars = uPlot.paths.bars!({ size: [0.6, 70] });
const categoryAxis = (labels: readonly string[]): uPlot.Axis => ({ values: (_chart, ticks) => ticks.map((tick) => labels[tick] ?? '') });

function Tile({ id, label, value, note }: { id: string; label: string; value: string | number; note?: string }) {
  return (
    <div className="hl-tile" data-testid={`tile-${id}`}>
      <div className="hl-tile-label">{label}</div>
      <div className="hl-tile-value">{value}</div>
      {note !== undefined && <div className="hl-tile-note">{note}</div>}
    </div>
  );
}

function TimeToPersonChart({ analytics }: { analytics: FlowAnalytics }) {
  const { timeToPerson } = analytics;
  const [options, data] = useMemo(() => {
    const xs = PERCENTILES.map((_, index) => index);
    const seconds = PERCENTILES.map((key) => timeToPerson[key]);
    const target = PERCENTILES.map(() => timeToPerson.targetSeconds);
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      scales: { x: { time: false, range: [-0.5, PERCENTILES.length - 0.5] }, y: { range: (_c, _min, max) => [0, Math.max(max, timeToPerson.targetSeconds) * 1.15] } },
      axes: [{ ...categoryAxis(PERCENTILES), splits: () => xs }, { values: (_c, ticks) => ticks.map((tick) => formatClock(tick)), size: 56 }],
      series: [{}, { label: 'time to a person', fill: '#4a7bd8', stroke: '#2f5fb8', paths: bars, points: { show: false } }, { label: `target ${formatDuration(timeToPerson.targetSeconds)}`, stroke: '#c62828', width: 2, dash: [6, 4], points: { show: false } }],
    };
    return [opts, [xs, seconds, target] as uPlot.AlignedData] as const;
  }, [timeToPerson]);
  return <UplotChart options={options} data={data} label={`Time to a person: ${PERCENTILES.map((key) => `${key} ${formatDuration(timeToPerson[key])}`).join(', ')}, target ${formatDuration(timeToPerson.targetSeconds)}`} />;
}

function ScoreChart({ distribution }: { distribution: FlowAnalytics['survey']['distribution'] }) {
  const [options, data] = useMemo(() => {
    const xs = [1, 2, 3, 4, 5];
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      legend: { show: false },
      scales: { x: { time: false, range: [0.5, 5.5] }, y: { range: (_c, _min, max) => [0, Math.max(1, max) * 1.15] } },
      axes: [{ splits: () => xs }, { size: 50 }],
      series: [{}, { label: 'callers', fill: '#f0a030', stroke: '#c07010', paths: bars, points: { show: false } }],
    };
    return [opts, [xs, [...distribution]] as uPlot.AlignedData] as const;
  }, [distribution]);
  return <UplotChart options={options} data={data} label={`Survey scores 1 to 5: ${distribution.join(', ')}`} />;
}

function RangeForm({ flowId, range }: { flowId: string; range: AnalyticsRange }) {
  const insights = useInsightsStore();
  const [target, setTarget] = useState(String(range.targetSeconds));
  useEffect(() => setTarget(String(range.targetSeconds)), [range.targetSeconds]);
  const change = (patch: Partial<AnalyticsRange>) => void insights.getState().loadAnalytics(flowId, { ...range, ...patch });
  const targetRefused = parseTargetSeconds(target) === undefined;
  return (
    <form className="hl-filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        From
        <input type="date" aria-label="From" value={range.fromDay} onChange={(event) => change({ fromDay: event.target.value })} />
      </label>
      <label>
        To
        <input type="date" aria-label="To" value={range.toDay} onChange={(event) => change({ toDay: event.target.value })} />
      </label>
      <label>
        Version
        <input type="text" aria-label="Version" placeholder="every version" value={range.version} onChange={(event) => change({ version: event.target.value })} />
      </label>
      <label title="The time within which a caller should reach a person (Spain's rule: three minutes)">
        Target (s)
        <input
          type="number"
          min={1}
          aria-label="Target seconds"
          value={target}
          onChange={(event) => {
            setTarget(event.target.value);
            const seconds = parseTargetSeconds(event.target.value);
            if (seconds !== undefined) change({ targetSeconds: seconds });
          }}
        />
        {targetRefused && <span className="hl-field-error">whole seconds, up to 12 hours</span>}
      </label>
      <a className="hl-download" href={toNodesCsvUrl(flowId, range)} download>
        Node figures (CSV)
      </a>
    </form>
  );
}

export function Dashboard() {
  const insights = useInsightsStore();
  const flowId = useDesigner((state) => state.flowId);
  const range = useInsights((state) => state.range);
  const analytics = useInsights((state) => state.analytics);
  const loading = useInsights((state) => state.loadingAnalytics);
  const error = useInsights((state) => state.error);

  useEffect(() => {
    if (flowId !== null) void insights.getState().loadAnalytics(flowId);
  }, [flowId, insights]);

  if (flowId === null) return <p className="hl-insights-empty">Save the flow first: calls are recorded per saved flow.</p>;
  const figures = analytics?.flowId === flowId ? analytics : null;
  const ended = figures ? figures.calls - figures.outcomes.inProgress : 0;
  const neither = figures ? figures.outcomes.callerChoice + figures.outcomes.hungUp + figures.outcomes.fallback : 0;
  const reached = figures ? figures.outcomes.person : 0;
  const survey = figures?.survey;
  const scored = survey ? survey.distribution.reduce((sum, count) => sum + count, 0) : 0;

  return (
    <section className="hl-insights" data-testid="dashboard" aria-busy={loading}>
      <RangeForm flowId={flowId} range={range} />
      {error !== null && <p className="hl-insights-error" role="alert">{error}</p>}
      {figures === null ? (
        <p className="hl-insights-empty">{loading ? 'Loading…' : 'No figures yet.'}</p>
      ) : (
        <>
          <div className="hl-tiles">
            <Tile id="calls" label="Calls" value={figures.calls} note={figures.outcomes.inProgress > 0 ? `${figures.outcomes.inProgress} in progress` : undefined} />
            <Tile id="person" label="Reached a person" value={reached} note={formatShare(reached, ended)} />
            <Tile id="followUp" label="Follow-up" value={figures.outcomes.followUp} note={formatShare(figures.outcomes.followUp, ended)} />
            <Tile id="neither" label="Neither" value={neither} note={formatShare(neither, ended)} />
            <Tile id="containment" label="Contained by choice" value={formatFraction(figures.containment)} note="ended in self-service, not a hang-up mid-menu" />
            <Tile id="abandonedMenu" label="Gave up in a menu" value={figures.abandonment.inMenu} />
            <Tile id="abandonedQueue" label="Gave up in a queue" value={figures.abandonment.inQueue} />
            <Tile id="fallbacks" label="Runtime fallbacks" value={figures.fallbacks} />
            <Tile id="csat" label="Survey mean" value={formatScore(survey!.mean)} note={countOf(scored, 'answer')} />
          </div>
          <div className="hl-charts">
            <div className="hl-chart-card">
              <h3>Time to a person</h3>
              <p className="hl-chart-note" data-testid="time-to-person">
                p50 {formatDuration(figures.timeToPerson.p50)} · p90 {formatDuration(figures.timeToPerson.p90)} · p95 {formatDuration(figures.timeToPerson.p95)} · within {formatDuration(figures.timeToPerson.targetSeconds)}:{' '}
                {figures.timeToPerson.withinTarget} of {reached} ({formatShare(figures.timeToPerson.withinTarget, reached)}); dashed red line: the target
              </p>
              <TimeToPersonChart analytics={figures} />
            </div>
            <div className="hl-chart-card">
              <h3>Survey scores</h3>
              <ScoreChart distribution={survey!.distribution} />
              {survey!.byTarget.length > 0 && (
                <table className="hl-table hl-table-small">
                  <thead>
                    <tr>
                      <th>Queue or transfer</th>
                      <th>Answers</th>
                      <th>Mean</th>
                    </tr>
                  </thead>
                  <tbody>
                    {survey!.byTarget.map((row) => (
                      <tr key={row.target}>
                        <td>{row.target}</td>
                        <td>{row.count}</td>
                        <td>{formatScore(row.mean)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
            <div className="hl-chart-card">
              <h3>Outcomes</h3>
              <table className="hl-table hl-table-small" data-testid="outcomes">
                <tbody>
                  {CALL_OUTCOMES.map((outcome) => (
                    <tr key={outcome}>
                      <td>{OUTCOME_LABELS[outcome]}</td>
                      <td data-testid={`outcome-${outcome}`}>{figures.outcomes[outcome]}</td>
                      <td>{formatShare(figures.outcomes[outcome], figures.calls)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
