// The nodes every flow of the runtime's line tests ends in: an agent, a voicemail when the agent is
// not there, a goodbye, and a menu's routes to the agent for a caller who is lost.

export const AGENT = '+12125550100';
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';

export const agent = { kind: 'transfer', to: { number: AGENT }, on: { answered: 'bye', busy: 'message', noAnswer: 'message', failed: 'message' } };
export const message = { kind: 'voicemail', prompt: 'Please leave a message after the tone.', maxLength: 60, next: 'bye' };
export const bye = { kind: 'hangup', prompt: 'Goodbye.' };
/** a menu's routes for a caller who says nothing or keeps pressing wrong keys: to a person */
export const toAgentWhenLost = { noInput: { retries: 1, prompt: 'Sorry, I did not hear anything.', next: 'agent' }, noMatch: { retries: 1, prompt: 'Sorry, that is not an option.', next: 'agent' } };
