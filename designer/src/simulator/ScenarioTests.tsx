import { useEffect, useState, type FormEvent } from 'react';
import { FlaskConical, Save } from 'lucide-react';
import type { FlowTests } from '../../../core/designer-api/types.ts';
import { countOf } from '../../../core/format/words.ts';
import type { Flow } from '../../../core/schema/flow.ts';
import { getRecordedScenarioName, toRecordedScenario, type RecordedScenario } from '../../../core/testing/recorded-call.ts';
import { runScenario } from '../../../core/testing/run-scenario.ts';
import type { Scenario } from '../../../core/testing/scenario.ts';
import { api, ApiError } from '../api/api-client.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { describeScenarioResult, replayScenario } from './scenario-replay.ts';
import { toRecordedCall, type SimulatorSession } from './simulator-session.ts';

// "Save as test" turns the call just made into a scenario file in the flow's
// tests folder; the flow's tests are listed, and opening one replays it on
// the phone up to the step that failed.

interface Props {
  flow: Flow;
  session: SimulatorSession | null;
  timeZone: string;
  onReplay(session: SimulatorSession): void;
}

type Draft = { scenario: RecordedScenario; name: string };

export function ScenarioTests({ flow, session, timeZone, onReplay }: Props) {
  const flowId = useDesigner((state) => state.flowId);
  const linkedFlows = useDesigner((state) => state.linkedFlows);
  const [tests, setTests] = useState<FlowTests['files']>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [note, setNote] = useState<{ text: string; passed?: boolean } | null>(null);

  const refresh = () => {
    if (flowId === null) return;
    api.listFlowTests(flowId).then(
      (answer) => setTests(answer.files),
      (error: unknown) => setNote({ text: `The tests could not be listed: ${(error as Error).message}` }),
    );
  };
  useEffect(refresh, [flowId]);

  const startSaving = () => {
    if (session === null) return;
    // a recorded test names the nodes of the flow it is saved with, and the linked flow's are not among them
    if (session.linkedInto.length > 0) {
      setNote({ text: `This call cannot be saved as a test: it went on in flow ${session.linkedInto.join(', then ')}, and a recorded test keeps to the flow it is saved with.` });
      return;
    }
    const recorded = toRecordedScenario(toRecordedCall(session, timeZone), 'recorded call');
    if (!recorded.ok) {
      setNote({ text: `This call cannot be saved as a test: ${recorded.reason}.` });
      return;
    }
    // a test that would fail on the very call it came from is worse than none
    const check = runScenario({ ...recorded.scenario, flow: flowId ?? '' }, session.flow);
    if (!check.passed) {
      setNote({ text: `This call cannot be saved as a test: it would not repeat (${describeScenarioResult(check)}).` });
      return;
    }
    setNote(null);
    setDraft({ scenario: recorded.scenario, name: getRecordedScenarioName(recorded.scenario) });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null || flowId === null || draft.name.trim() === '') return;
    const scenario = { ...draft.scenario, name: draft.name.trim() };
    try {
      let saved;
      try {
        saved = await api.saveFlowTest(flowId, scenario, false);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 409 || !window.confirm(`${error.message}. Replace it?`)) throw error;
        saved = await api.saveFlowTest(flowId, scenario, true);
      }
      setDraft(null);
      setNote({ text: `Saved as ${saved.file}` });
      refresh();
    } catch (error) {
      setNote({ text: `Not saved: ${(error as Error).message}` });
    }
  };

  const open = (scenario: Scenario) => {
    // the test goes on through gotos into the linked flows loaded by now, as humanline test follows links
    const replayed = replayScenario(flow, scenario, { flowId, linked: linkedFlows });
    onReplay(replayed.session);
    setNote({ text: `${scenario.name} — ${replayed.summary}`, passed: replayed.result.passed });
  };

  if (flowId === null) return null;
  return (
    <div className="sim-tests" data-testid="sim-tests">
      <div className="sim-row">
        <button type="button" onClick={startSaving} disabled={session === null}>
          <Save size={14} aria-hidden /> Save as test
        </button>
      </div>
      {draft && (
        <form className="sim-row sim-save-test" onSubmit={(event) => void save(event)}>
          <input type="text" aria-label="Test name" value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          <button type="submit" disabled={draft.name.trim() === ''}>
            Save
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      )}
      {note && (
        <p className={`sim-test-note${note.passed === false ? ' sim-test-failed' : ''}`} data-testid="sim-test-note" role="status">
          {note.text}
        </p>
      )}
      {tests.length > 0 && (
        <p className="sim-tests-title" data-testid="sim-tests-title">
          {countOf(tests.reduce((count, { scenarios }) => count + scenarios.length, 0), 'test')} of this flow
        </p>
      )}
      {tests.length > 0 && (
        <ul className="sim-test-list" aria-label="Tests of this flow">
          {tests.flatMap(({ file, scenarios }) =>
            scenarios.map((scenario, index) => (
              <li key={`${file}#${index}`}>
                <button type="button" className="sim-link" onClick={() => open(scenario)} title={file}>
                  <FlaskConical size={14} aria-hidden /> {scenario.name}
                </button>
              </li>
            )),
          )}
        </ul>
      )}
    </div>
  );
}
