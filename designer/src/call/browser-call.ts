import { getVoiceToken } from '../api/voice-api.ts';

// One call from the browser to a flow, through @twilio/voice-sdk, kept out of
// React so the component only renders what this reports.

/** Where a started call stands. */
export type CallProgress = 'connecting' | 'inCall' | 'ended';

export interface BrowserCallListener {
  onProgress(progress: CallProgress): void;
  onError(message: string): void;
}

export interface BrowserCall {
  sendDigits(digits: string): void;
  hangUp(): void;
  /** hangs up and releases the microphone and the connection to Twilio (on unmount) */
  destroy(): void;
}

/** Twilio's code for a microphone the browser (or the person) refused. */
const MICROPHONE_DENIED_CODE = 31401;

/** A readable line for an SDK or network error. */
export function describeCallError(error: unknown): string {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (code === MICROPHONE_DENIED_CODE || name === 'NotAllowedError') return 'the microphone is blocked: allow it for this page and call again';
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/** Fetches a token, loads the SDK and calls the TwiML App with the flow as a custom parameter. */
export async function startBrowserCall(flowId: string, listener: BrowserCallListener): Promise<BrowserCall> {
  const { token } = await getVoiceToken(flowId);
  // loaded on first use only: the SDK is large and most sessions never place a call
  const { Device } = await import('@twilio/voice-sdk');
  // closeProtection: leaving the page mid-call asks first
  const device = new Device(token, { closeProtection: true });
  device.on('error', (error: unknown) => listener.onError(describeCallError(error)));
  // a long test call outlives the token's 10 minutes; the SDK asks for a new one in time
  device.on('tokenWillExpire', () => {
    getVoiceToken(flowId).then(
      (renewed) => device.updateToken(renewed.token),
      (error: unknown) => listener.onError(describeCallError(error)),
    );
  });

  let call;
  try {
    // Twilio posts `flow` to the TwiML App's Voice URL, <PUBLIC_BASE_URL>/twilio/client
    call = await device.connect({ params: { flow: flowId } });
  } catch (error) {
    device.destroy();
    throw error;
  }
  const end = () => {
    listener.onProgress('ended');
    device.destroy();
  };
  call.on('accept', () => listener.onProgress('inCall'));
  call.on('disconnect', end);
  call.on('cancel', end);
  call.on('reject', end);
  call.on('error', (error: unknown) => listener.onError(describeCallError(error)));

  return {
    sendDigits: (digits) => call.sendDigits(digits),
    hangUp: () => call.disconnect(),
    destroy: () => device.destroy(),
  };
}
