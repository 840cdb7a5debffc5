import type { Step, Wait } from './types.ts';

const toAddress = (to: Extract<Wait, { kind: 'dial' }>['to']): string => ('number' in to ? to.number : 'sip' in to ? to.sip : `client:${to.client}`);

/** One line for logs and the simulator: what the call waits for, and where. */
export function describeWait(wait: Wait): string {
  switch (wait.kind) {
    case 'input': {
      const listen = wait.speech ? ' or speech' : '';
      if (wait.mode === 'menu') return `${wait.nodeId}: waiting for a key${listen} (${wait.timeout} s)`;
      if (wait.mode === 'survey') return `${wait.nodeId}: waiting for a survey score 1-5 (${wait.timeout} s)`;
      return `${wait.nodeId}: waiting for ${wait.numDigits ?? 'some'} digits${wait.finishOnKey ? ` ending with ${wait.finishOnKey}` : ''} (${wait.timeout} s)`;
    }
    case 'lookup':
      return `${wait.nodeId}: looking up ${wait.method} ${wait.url} (${wait.timeout} s)`;
    case 'dial':
      return `${wait.nodeId}: dialling ${toAddress(wait.to)} (${wait.timeout} s)`;
    case 'queue':
      return `${wait.nodeId}: holding in queue ${wait.queue}${wait.callbackOffer ? `, press ${wait.callbackOffer.key} for a call back` : ''}`;
    case 'record':
      return `${wait.nodeId}: recording a message (up to ${wait.maxLength} s)`;
    case 'callbackNumber':
      return `${wait.nodeId}: taking a call-back number${wait.callerNumber ? ` (caller's ${wait.callerNumber})` : ''}`;
    case 'link':
      return `${wait.nodeId}: continues in flow ${wait.flowId}${wait.entry === undefined ? '' : ` at ${wait.entry}`}`;
    case 'end':
      return wait.reason === 'hangup' ? 'call ended' : 'call ended: the flow had no route here';
  }
}

/** Whether the call is over: nothing more will happen on it. */
export function isFinal(step: Step): boolean {
  return step.wait.kind === 'end';
}
