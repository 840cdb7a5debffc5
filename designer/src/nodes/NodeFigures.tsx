import type { NodeAnalytics } from '../../../core/designer-api/types.ts';
import { countOf } from '../../../core/format/words.ts';
import { getNodeRates, toHeatColour } from '../model/heat-scale.ts';
import { formatDuration, formatFraction } from '../model/insights-words.ts';

// The overlay's strip on a node card: what callers did here, measured, with
// the drop-off in its heat colour so the worst node stands out at a glance.

export function NodeFigures({ nodeId, figures }: { nodeId: string; figures: NodeAnalytics | undefined }) {
  if (figures === undefined || figures.visits === 0) {
    return (
      <div className="hl-node-figures is-empty" data-testid={`figures-${nodeId}`}>
        no calls here
      </div>
    );
  }
  const rates = getNodeRates(figures);
  const measured = figures.medianStepsToPerson === null ? null : `${countOf(figures.medianStepsToPerson, 'step')} · ${formatDuration(figures.medianSecondsToPerson)}`;
  return (
    <div className="hl-node-figures" data-testid={`figures-${nodeId}`}>
      <div className="hl-figures-main">
        <span title="calls that came here">{countOf(figures.visits, 'visit')}</span>
        <span className="hl-dropoff" style={{ background: toHeatColour(rates.dropOff) }} title="callers who hung up here, of those who came here" data-testid={`dropoff-${nodeId}`}>
          {formatFraction(rates.dropOff)} hung up
        </span>
      </div>
      <div className="hl-figures-rates">
        <span title="pressed 0 or asked for an agent">0/agent {formatFraction(rates.zeroOut)}</span>
        <span title="waits that ended in silence">no input {formatFraction(rates.noInput)}</span>
        <span title="answers that matched no option">no match {formatFraction(rates.noMatch)}</span>
      </div>
      {measured !== null && (
        <div className="hl-figures-measured" title="measured on real calls that reached a person from here: median caller steps and time">
          measured to a person: {measured}
        </div>
      )}
    </div>
  );
}
