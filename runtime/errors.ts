// Why a webhook could not be answered from the flow. Each one routes the caller
// to a person (see app.ts's error middleware); the name goes to the log.

export class RuntimeError extends Error {
  override name = 'RuntimeError';
  /** a short reason for the log and the call's events */
  readonly reason: string = 'error';
}

/** No published flow has this id. */
export class UnknownFlowError extends RuntimeError {
  override name = 'UnknownFlowError';
  override readonly reason = 'unknown flow';
  constructor(readonly flowId: string) {
    super(`no flow "${flowId}" is served`);
  }
}

/** A follow-up webhook for a call the store does not know. */
export class UnknownCallError extends RuntimeError {
  override name = 'UnknownCallError';
  override readonly reason = 'unknown call';
  constructor(readonly callSid: string) {
    super(`no state for call ${callSid}`);
  }
}

/** A webhook for a wait the call is no longer at, with no answer to replay. */
export class StaleWebhookError extends RuntimeError {
  override name = 'StaleWebhookError';
  override readonly reason = 'stale webhook';
}

/** The call's pinned flow version is gone (from memory and store). */
export class MissingFlowVersionError extends RuntimeError {
  override name = 'MissingFlowVersionError';
  override readonly reason = 'missing flow version';
}

/** Twilio's parameters did not have the shape the route needs. */
export class WebhookInputError extends RuntimeError {
  override name = 'WebhookInputError';
  override readonly reason = 'bad webhook input';
}

/** The webhook took longer than the runtime allows itself (well inside Twilio's 15 s). */
export class DeadlineError extends RuntimeError {
  override name = 'DeadlineError';
  override readonly reason = 'deadline';
}

/** The store could not read or write (disk, corrupt row). */
export class StoreError extends RuntimeError {
  override name = 'StoreError';
  override readonly reason = 'store failure';
}

/** The store cannot be used at start (a file humanline cannot write, a Redis it cannot reach): serve refuses to start with this one line, which names the setting and what to do. */
export class StoreOpenError extends StoreError {
  override name = 'StoreOpenError';
}

/** A step the TwiML renderer cannot answer. */
export class RenderError extends RuntimeError {
  override name = 'RenderError';
  override readonly reason = 'render failure';
}

/** The interpreter threw: a bug or a flow it cannot run. */
export class InterpreterError extends RuntimeError {
  override name = 'InterpreterError';
  override readonly reason = 'interpreter failure';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
