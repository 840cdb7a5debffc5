import { useMemo, useState, type FormEvent } from 'react';
import { useDesigner } from '../stores/designer-context.tsx';
import { describeZonedTime, fromZonedClockValue, getFlowTimeZone, toZonedClockValue } from '../model/flow-clock.ts';
import { getEnvironmentChoices, getSessionWaitText, getStatusText } from './call-status.ts';
import type { Replay } from './replay.ts';
import { getReplayOutcome, isSameOutcome, type CallReplay } from './call-replay.ts';
import { OUTCOME_LABELS } from '../model/insights-words.ts';
import { applyEvent, getCallPlace, isCallOver, pressKey, sayWords, staySilent, type SimulatorSession } from './simulator-session.ts';
import { toFlowAddress } from '../model/flow-address.ts';
import { PhoneKeypad } from '../keypad/PhoneKeypad.tsx';
import { SimTranscript } from './SimTranscript.tsx';
import { useSimulatedCall } from './use-simulated-call.ts';
import { ScenarioTests } from './ScenarioTests.tsx';
import './simulator.css';

// The simulated phone: the designer calls the flow being edited, presses
// keys, speaks, stays silent and picks what the environment does, and replays
// the linter's counterexamples step by step.

function getReplayProgress(replay: Replay): string {
  if (replay.status === 'done') return 'The whole path was played.';
  if (replay.status === 'diverged') return `Stopped: ${replay.problem ?? 'the call left the path'}.`;
  const step = replay.request.path.steps[replay.at];
  return `Step ${replay.at + 1} of ${replay.request.path.steps.length}: next ${replay.stepNames[replay.at] ?? ''} --${step?.exit ?? ''}-->`;
}

function ReplayBar({ replay, onNext, onPlayAll }: { replay: Replay; onNext: () => void; onPlayAll: () => void }) {
  const playing = replay.status === 'playing';
  return (
    <div className={`sim-replay sim-replay-${replay.status}`}>
      <p className="sim-replay-title">
        Replaying: {replay.request.ruleId} — {replay.request.message}
      </p>
      <p className="sim-replay-progress">{getReplayProgress(replay)}</p>
      <ReplayButtons playing={playing} onNext={onNext} onPlayAll={onPlayAll} />
    </div>
  );
}

/** Step through a replay, or play the rest: the counterexample's and the recorded call's alike. */
function ReplayButtons({ playing, onNext, onPlayAll }: { playing: boolean; onNext: () => void; onPlayAll: () => void }) {
  return (
    <div className="sim-row">
      <button type="button" onClick={onNext} disabled={!playing}>
        Next step
      </button>
      <button type="button" onClick={onPlayAll} disabled={!playing}>
        Play all
      </button>
    </div>
  );
}

function getCallReplayProgress(replay: CallReplay): string {
  if (replay.status === 'diverged') return `Stopped: ${replay.problem ?? 'the replay left the recorded call'}.`;
  if (replay.status === 'playing') return `Move ${replay.at + 1} of ${replay.moves.length}`;
  const replayed = OUTCOME_LABELS[getReplayOutcome(replay.session)];
  return isSameOutcome(replay) ? `Same outcome as the recorded call: ${replayed}.` : `The replay ended "${replayed}"; the recorded call "${OUTCOME_LABELS[replay.recordedOutcome]}".`;
}

function CallReplayBar({ replay, onNext, onPlayAll }: { replay: CallReplay; onNext: () => void; onPlayAll: () => void }) {
  const playing = replay.status === 'playing';
  const same = isSameOutcome(replay);
  return (
    <div className={`sim-replay sim-replay-${same === false ? 'diverged' : replay.status}`} data-testid="call-replay">
      <p className="sim-replay-title">Replaying call {replay.callSid}: its inputs and outcomes, at the times they happened</p>
      {replay.notReplayable.length > 0 && <p className="sim-note">Not replayable: {replay.notReplayable.join('; ')}.</p>}
      <p className="sim-replay-progress" data-testid="call-replay-progress">
        {getCallReplayProgress(replay)}
      </p>
      <ReplayButtons playing={playing} onNext={onNext} onPlayAll={onPlayAll} />
    </div>
  );
}

/**
 * The flow a goto took the call to, opened in a new tab at the node the call is at: opened here,
 * it would replace the flow this call was placed on and end the call.
 */
function LinkedFlowLink({ session }: { session: SimulatorSession }) {
  const flowId = session.inFlow!.id;
  const place = getCallPlace(session);
  return (
    <p className="sim-linked-flow">
      <a href={toFlowAddress(flowId, place?.nodeId)} target="_blank" rel="noopener">
        Open {flowId} in a new tab
      </a>
      ; this tab keeps the call.
    </p>
  );
}

export function SimulatorPanel() {
  const flow = useDesigner((state) => state.flow);
  const selectedIds = useDesigner((state) => state.selection.nodeIds);
  // The clock reads in the zone of the flow's business hours, whatever the browser's zone.
  const timeZone = useMemo(() => getFlowTimeZone(flow), [flow]);
  const [clock, setClock] = useState(() => toZonedClockValue(new Date(), timeZone));
  const [speakPrompts, setSpeakPrompts] = useState(true);
  const [words, setWords] = useState('');
  // One Date per clock value: a fresh "now" on every render would count as a new time each time.
  const now = useMemo(() => fromZonedClockValue(clock, timeZone) ?? new Date(), [clock, timeZone]);
  const { call, start, hangUp, act, nextReplayStep, playRestOfReplay, load, reset } = useSimulatedCall(flow, now, speakPrompts);

  const session = call?.session ?? null;
  const running = session !== null && !isCallOver(session);
  const wait = running ? session.step.wait : null;
  const listensForKeys = wait?.kind === 'input' || wait?.kind === 'queue';
  const selectedId = selectedIds.length === 1 && selectedIds[0] !== undefined && Object.hasOwn(flow.nodes, selectedIds[0]) ? selectedIds[0] : null;

  const say = (event: FormEvent) => {
    event.preventDefault();
    if (words.trim() === '') return;
    act((s) => sayWords(s, words));
    setWords('');
  };

  return (
    <section className="sim" data-testid="simulator" aria-label="Simulated phone">
      <div className="sim-row">
        <button type="button" className="sim-start" onClick={() => start()}>
          Start call
        </button>
        <button type="button" className="sim-hangup" onClick={hangUp} disabled={!running}>
          Hang up
        </button>
        <button type="button" onClick={reset} disabled={call === null}>
          Reset
        </button>
      </div>
      {selectedId !== null && selectedId !== flow.entry && (
        <button type="button" className="sim-link" onClick={() => start(selectedId)}>
          Start at {flow.nodes[selectedId]?.label ?? selectedId}
        </button>
      )}

      <div className="sim-settings">
        <label className="sim-clock">
          Time
          <input type="datetime-local" aria-label={`Time in ${timeZone}`} value={clock} onChange={(e) => setClock(e.target.value)} title={`Business-hours conditions are decided by this time, in ${timeZone}`} />
        </label>
        <button type="button" className="sim-link" onClick={() => setClock(toZonedClockValue(new Date(), timeZone))}>
          Now
        </button>
        <label className="sim-check">
          <input type="checkbox" checked={speakPrompts} onChange={(e) => setSpeakPrompts(e.target.checked)} />
          Speak prompts
        </label>
      </div>

      <p className="sim-clock-zone" data-testid="sim-clock-zone">
        {describeZonedTime(now, timeZone)}
      </p>

      {call?.replay && <ReplayBar replay={call.replay} onNext={nextReplayStep} onPlayAll={playRestOfReplay} />}
      {call?.callReplay && <CallReplayBar replay={call.callReplay} onNext={nextReplayStep} onPlayAll={playRestOfReplay} />}

      <p className="sim-status" data-testid="sim-status" aria-live="polite">
        {session === null ? 'No call' : getStatusText(session)}
      </p>
      {session?.inFlow !== undefined && <LinkedFlowLink session={session} />}
      {session !== null && session.flow !== flow && <p className="sim-note">The flow changed since this call started; start again to try the new version.</p>}
      {session !== null && (
        <p className="sim-wait">
          {getSessionWaitText(session)}
          {session.pendingKeys !== '' && <span className="sim-pending"> · keys so far: {session.pendingKeys}</span>}
        </p>
      )}

      {wait && getEnvironmentChoices(wait).length > 0 && (
        <div className="sim-outcomes" role="group" aria-label="Outcomes">
          {getEnvironmentChoices(wait).map((choice) => (
            <button key={choice.label} type="button" onClick={() => act((s) => applyEvent(s, choice.event))}>
              {choice.label}
            </button>
          ))}
        </div>
      )}

      <PhoneKeypad className="sim-keypad" keyClassName="sim-key" disabled={!listensForKeys} onKey={(key) => act((s) => pressKey(s, key))} />
      <div className="sim-row">
        <button type="button" onClick={() => act(staySilent)} disabled={wait?.kind !== 'input'}>
          Stay silent
        </button>
      </div>
      <form className="sim-row sim-say" onSubmit={say}>
        <input type="text" value={words} onChange={(e) => setWords(e.target.value)} placeholder="Words the caller says" aria-label="Words the caller says" disabled={wait?.kind !== 'input'} />
        <button type="submit" disabled={wait?.kind !== 'input' || words.trim() === ''}>
          Say
        </button>
      </form>

      <ScenarioTests
        flow={flow}
        session={session}
        timeZone={timeZone}
        onReplay={(replayed) => {
          load(replayed);
          // the clock shows the test's time, and moves made after the replay run at it
          setClock(toZonedClockValue(replayed.startedAt, timeZone));
        }}
      />

      <SimTranscript lines={session?.transcript ?? []} />
    </section>
  );
}
