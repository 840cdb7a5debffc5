import { useEffect } from 'react';
import { useDesigner } from '../stores/designer-context.tsx';
import { useInsights, useInsightsStore } from '../stores/insights-context.tsx';
import { useUi, useUiStore } from '../stores/ui-context.tsx';
import type { MainView } from '../stores/insights-store.ts';

// Design, calls or dashboard for the open flow, and the canvas overlay of
// measured figures: the header's switch between the flow on paper and what
// real callers lived through.

const VIEWS: Array<{ view: MainView; label: string }> = [
  { view: 'design', label: 'Design' },
  { view: 'calls', label: 'Calls' },
  { view: 'dashboard', label: 'Dashboard' },
];

export function ViewTabs() {
  const insights = useInsightsStore();
  const ui = useUiStore();
  const flowId = useDesigner((state) => state.flowId);
  const view = useInsights((state) => state.view);
  const overlay = useUi((state) => state.overlay);
  // Another flow opened with the overlay on: its own figures, not the last flow's.
  useEffect(() => {
    if (overlay && flowId !== null && insights.getState().analytics?.flowId !== flowId) void insights.getState().loadAnalytics(flowId);
  }, [overlay, flowId, insights]);
  return (
    <div className="hl-views">
      <div className="hl-view-tabs" role="tablist" aria-label="View">
        {VIEWS.map(({ view: each, label }) => (
          <button
            key={each}
            type="button"
            role="tab"
            aria-selected={view === each}
            disabled={each !== 'design' && flowId === null}
            title={each !== 'design' && flowId === null ? 'Save the flow first: calls are recorded per saved flow' : undefined}
            onClick={() => insights.getState().showView(each)}
          >
            {label}
          </button>
        ))}
      </div>
      {view === 'design' && (
        <label className="hl-overlay-toggle" title="Show on the canvas what real callers did at each node over the dashboard's days">
          <input
            type="checkbox"
            checked={overlay}
            disabled={flowId === null}
            onChange={(event) => {
              ui.getState().setOverlay(event.target.checked);
              if (event.target.checked && flowId !== null) void insights.getState().loadAnalytics(flowId);
            }}
          />
          Call figures
        </label>
      )}
    </div>
  );
}
