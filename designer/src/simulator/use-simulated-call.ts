import { useEffect, useRef, useState } from 'react';
import type { Flow } from '../../../core/schema/flow.ts';
import { useDesigner } from '../stores/designer-context.tsx';
import { useUi, useUiStore } from '../stores/ui-context.tsx';
import { replayAll, replayNextStep, startReplay, type Replay, type ReplayRequest } from './replay.ts';
import { replayAllMoves, replayNextMove, startCallReplay, type CallReplay } from './call-replay.ts';
import { addLoadedFlows, getCurrentNodeId, getTrail, hangUp, setSimulatedTime, startSession, type SimulatorSession } from './simulator-session.ts';
import { speakLines, stopSpeaking } from './speech-output.ts';

// The panel's call in React state: one session at a time, a replay riding on
// it when a counterexample is played. Tells the canvas where the call is,
// reads new prompts aloud, and picks up replays the problems panel asks for.

export interface SimulatedCall {
  session: SimulatorSession;
  /** the counterexample being played; null once the designer takes the phone themselves */
  replay: Replay | null;
  /** the recorded call being played again; null once the designer takes the phone themselves */
  callReplay?: CallReplay | null;
}

export interface SimulatedCallControls {
  call: SimulatedCall | null;
  start(from?: string): void;
  hangUp(): void;
  /** a move of the designer's own (a key, words, an outcome); it ends a replay in progress */
  act(change: (session: SimulatorSession) => SimulatorSession): void;
  nextReplayStep(): void;
  playRestOfReplay(): void;
  /** puts a call played elsewhere (a scenario replayed) on the phone */
  load(session: SimulatorSession): void;
  reset(): void;
}

export function useSimulatedCall(flow: Flow, now: Date, speakPrompts: boolean): SimulatedCallControls {
  const uiStore = useUiStore();
  const [call, setCall] = useState<SimulatedCall | null>(null);
  /** transcript lines already read aloud (or passed over while speaking was off) */
  const spokenLines = useRef(0);
  const replayRequest = useUi((state) => state.replayRequest);
  const callReplayRequest = useUi((state) => state.callReplayRequest);

  const begin = (next: SimulatedCall | null) => {
    stopSpeaking();
    spokenLines.current = 0;
    setCall(next);
  };

  // Opening another flow hangs up: the call belongs to the flow it was placed on.
  const loadCount = useDesigner((state) => state.loadCount);
  const flowId = useDesigner((state) => state.flowId);
  const linkedFlows = useDesigner((state) => state.linkedFlows);

  // a walk across the line goes on through its gotos into the linked flows loaded by now
  const beginReplay = (request: ReplayRequest) => {
    const replay = startReplay(flow, request, { now, line: { flowId, linked: linkedFlows } });
    begin({ session: replay.session, replay });
  };
  const openedCount = useRef(loadCount);
  useEffect(() => {
    if (openedCount.current === loadCount) return;
    openedCount.current = loadCount;
    begin(null);
  }, [loadCount]);

  useEffect(() => {
    if (replayRequest === null) return;
    const request = uiStore.getState().takeReplayRequest();
    if (request) beginReplay(request);
    // Only a new request starts a replay; the flow and the time are read when it does.
  }, [replayRequest]);

  useEffect(() => {
    if (callReplayRequest === null) return;
    const detail = uiStore.getState().takeCallReplayRequest();
    if (!detail) return;
    const callReplay = startCallReplay(flow, detail);
    begin({ session: callReplay.session, replay: null, callReplay });
    // Only a new request starts a replay; the flow is the version the call ran.
  }, [callReplayRequest]);

  const session = call?.session ?? null;
  useEffect(() => {
    if (session === null) uiStore.getState().showSimulation(null, []);
    else uiStore.getState().showSimulation(getCurrentNodeId(session), getTrail(session));
  }, [session]);

  useEffect(() => {
    if (session === null) return;
    if (speakPrompts) speakLines(session.transcript.slice(spokenLines.current));
    spokenLines.current = session.transcript.length;
  }, [session, speakPrompts]);

  useEffect(() => {
    if (!speakPrompts) stopSpeaking();
  }, [speakPrompts]);

  // Linked flows loaded during the designer's own call join its line; a replay keeps the line it started with, as its walk was checked against it.
  useEffect(() => {
    setCall((current) => {
      if (current === null || current.replay != null || current.callReplay != null) return current;
      const widened = addLoadedFlows(current.session, linkedFlows);
      return widened === current.session ? current : { ...current, session: widened };
    });
  }, [linkedFlows]);

  // Later moves run at the time the designer sets now; what happened stays.
  const time = now.getTime();
  useEffect(() => {
    setCall((current) => {
      if (current === null || current.session.options.now.getTime() === time) return current;
      const retimed = setSimulatedTime(current.session, new Date(time));
      return { session: retimed, replay: current.replay && { ...current.replay, session: retimed } };
    });
  }, [time]);

  useEffect(
    () => () => {
      stopSpeaking();
      uiStore.getState().showSimulation(null, []);
    },
    [],
  );

  const advanceReplay = (step: (replay: Replay) => Replay, move: (replay: CallReplay) => CallReplay) =>
    setCall((current) => {
      if (current?.callReplay) {
        const replayed = move(current.callReplay);
        return { session: replayed.session, replay: null, callReplay: replayed };
      }
      if (current?.replay == null) return current;
      const replayed = step(current.replay);
      return { session: replayed.session, replay: replayed };
    });

  const act = (change: (session: SimulatorSession) => SimulatorSession) =>
    setCall((current) => {
      if (current === null) return current;
      const changed = change(current.session);
      return changed === current.session ? current : { session: changed, replay: null };
    });

  return {
    call,
    act,
    // a goto hands the call to the flows of the line loaded by now, as the runtime follows links
    start: (from) => begin({ session: startSession(flow, { now, line: { flowId, linked: linkedFlows }, ...(from !== undefined ? { from } : {}) }), replay: null }),
    hangUp: () => {
      // The caller put the phone down: nothing more is heard.
      stopSpeaking();
      act(hangUp);
    },
    nextReplayStep: () => advanceReplay(replayNextStep, replayNextMove),
    playRestOfReplay: () => advanceReplay(replayAll, replayAllMoves),
    load: (loaded) => begin({ session: loaded, replay: null }),
    reset: () => begin(null),
  };
}
