import { useCallback, useEffect, useRef, useState } from 'react';
import { describeCallError, startBrowserCall, type BrowserCall, type CallProgress } from './browser-call.ts';

export interface BrowserCallState {
  progress: 'idle' | CallProgress;
  /** the last error; a call may go on after one, so it sits beside the progress */
  error: string | null;
  /** the keys sent during this call, as the caller sees them typed */
  digits: string;
}

const IDLE: BrowserCallState = { progress: 'idle', error: null, digits: '' };

/** One call at a time from this button; ended on unmount so no microphone stays open. */
export function useBrowserCall() {
  const [state, setState] = useState<BrowserCallState>(IDLE);
  const callRef = useRef<BrowserCall | null>(null);
  // a hang-up (or unmount) before the SDK handed over the call: end it as soon as it exists
  const abandonedRef = useRef(false);

  useEffect(
    () => () => {
      abandonedRef.current = true;
      callRef.current?.destroy();
    },
    [],
  );

  const start = useCallback(async (flowId: string) => {
    abandonedRef.current = false;
    setState({ progress: 'connecting', error: null, digits: '' });
    try {
      const call = await startBrowserCall(flowId, {
        onProgress: (progress) => setState((current) => ({ ...current, progress })),
        onError: (error) => setState((current) => ({ ...current, error })),
      });
      if (abandonedRef.current) call.destroy();
      else callRef.current = call;
    } catch (error) {
      setState((current) => ({ ...current, progress: 'idle', error: describeCallError(error) }));
    }
  }, []);

  const hangUp = useCallback(() => {
    if (callRef.current === null) abandonedRef.current = true;
    callRef.current?.hangUp();
    callRef.current = null;
    setState((current) => ({ ...current, progress: 'ended' }));
  }, []);

  const sendDigit = useCallback((digit: string) => {
    callRef.current?.sendDigits(digit);
    setState((current) => ({ ...current, digits: current.digits + digit }));
  }, []);

  return { state, start, hangUp, sendDigit };
}
