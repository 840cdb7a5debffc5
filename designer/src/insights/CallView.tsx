import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import { toCallFlows, toCallLinkedFlows } from '../model/call-flows.ts';
import { toTimelineLines } from '../model/call-timeline.ts';
import { describeOutcome, formatDuration } from '../model/insights-words.ts';
import { replayAllMoves, startCallReplay, isSameOutcome } from '../simulator/call-replay.ts';
import { SimulatorPanel } from '../simulator/SimulatorPanel.tsx';
import { DesignerProvider } from '../stores/designer-context.tsx';
import { createDesignerStore } from '../stores/designer-store.ts';
import { useFilesStore } from '../stores/files-context.tsx';
import { followLine } from '../stores/line-follower.ts';
import { useInsightsStore } from '../stores/insights-context.tsx';
import type { OpenedCall } from '../stores/insights-store.ts';
import { UiProvider } from '../stores/ui-context.tsx';
import { createUiStore } from '../stores/ui-store.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import type { CallDetail } from '../../../core/designer-api/types.ts';
import { getTrail } from '../simulator/simulator-session.ts';

// One recorded call: the canvas of the version it ran with its path lit, the
// transcript of its timeline, and its replay on the simulated phone. The
// canvas and the phone get stores of their own, so nothing here touches the
// flow being edited.

/**
 * The nodes to light: the replay's full walk (say and condition nodes too)
 * when it follows the recording to the same end, else the API's path.
 */
function getLitPath(flow: Flow, detail: CallDetail): string[] {
  const replay = replayAllMoves(startCallReplay(flow, detail));
  return isSameOutcome(replay) ? getTrail(replay.session) : detail.path;
}

function Transcript({ flow, detail }: { flow: Flow | null; detail: CallDetail }) {
  const lines = useMemo(() => toTimelineLines(flow, detail.timeline, toCallFlows(detail)), [flow, detail]);
  return (
    <ol className="hl-timeline" data-testid="call-transcript">
      {lines.map((line, index) => (
        <li key={index} className={`hl-timeline-${line.kind}`}>
          <time dateTime={line.at} title={new Date(line.at).toLocaleString()}>
            {line.offset}
          </time>
          <span>{line.text}</span>
        </li>
      ))}
    </ol>
  );
}

function CallCanvas({ flow, detail }: { flow: Flow; detail: CallDetail }) {
  const files = useFilesStore();
  // The version is judged in its line, as its own canvas is, so a goto's badge counts the flow it hands to:
  // the versions the call ran, and the runtime's flows for the gotos it did not take.
  const designer = useMemo(() => createDesignerStore({ flow, linkedFlows: toCallLinkedFlows(flow, detail) }), [flow, detail]);
  useEffect(() => followLine(designer, files), [designer, files]);
  const ui = useMemo(() => createUiStore(), [designer]);
  useEffect(() => ui.getState().showCallPath(getLitPath(flow, detail)), [ui, flow, detail]);
  return (
    <DesignerProvider store={designer}>
      <UiProvider store={ui}>
        <ReactFlowProvider>
          <div className="hl-call-canvas">
            <FlowCanvas readOnly />
          </div>
          <aside className="hl-call-side">
            <button type="button" className="hl-replay" onClick={() => ui.getState().requestCallReplay(detail)}>
              Replay in simulator
            </button>
            <SimulatorPanel />
          </aside>
        </ReactFlowProvider>
      </UiProvider>
    </DesignerProvider>
  );
}

export function CallView({ opened }: { opened: OpenedCall }) {
  const insights = useInsightsStore();
  const { detail, flow } = opened;
  const { call } = detail;
  return (
    <section className="hl-call" data-testid="call-view">
      <div className="hl-call-head">
        <button type="button" onClick={() => insights.getState().closeCall()}>
          ← Calls
        </button>
        <strong className="hl-caller">{call.caller}</strong>
        <span>{new Date(call.startedAt).toLocaleString()}</span>
        <span>{formatDuration(call.durationSeconds)}</span>
        <span data-testid="call-outcome">{describeOutcome(call)}</span>
        <span title="the flow version this call ran">version {call.versionId}</span>
        {call.surveyScore !== null && <span>survey {call.surveyScore}/5</span>}
      </div>
      <div className="hl-call-body">
        <Transcript flow={flow} detail={detail} />
        {flow === null ? <p className="hl-insights-empty">The version this call ran is no longer stored: its path cannot be drawn or replayed.</p> : <CallCanvas flow={flow} detail={detail} />}
      </div>
    </section>
  );
}
