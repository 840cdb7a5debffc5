import { useEffect, useState } from 'react';
import type { BrowserCallStatus } from '../../../core/designer-api/types.ts';
import { getBrowserCallStatus } from '../api/voice-api.ts';

export type StatusCheck = { kind: 'checking' } | { kind: 'known'; status: BrowserCallStatus } | { kind: 'failed'; message: string };

/** Asks the runtime once, on mount, whether calls from the browser are set up. */
export function useBrowserCallStatus(): StatusCheck {
  const [check, setCheck] = useState<StatusCheck>({ kind: 'checking' });
  useEffect(() => {
    let current = true;
    getBrowserCallStatus().then(
      (status) => current && setCheck({ kind: 'known', status }),
      (error: unknown) => current && setCheck({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  return check;
}
