import type { NodeOfKind } from '../../schema/flow.ts';
import { inRange, toDtmfKey, toInteger } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { getSourceLabel } from '../node-ids.ts';
import { getOwn, readFlag, readNumber, readString } from '../json-shape.ts';
import type { ConnectAction } from './actions.ts';
import { getConnectPrompt } from './prompt.ts';
import type { ConnectRoutes } from './routes.ts';

type MenuOption = NodeOfKind<'menu'>['options'][number];

const labelOf = (id: string, action: ConnectAction) => getSourceLabel(id, action.identifier);

/** Connect re-prompts only through explicit loops, so the handlers take their route at once. */
const handler = (next: string | undefined) => (next !== undefined ? { retries: 0, next } : { retries: 0 });

function timeoutOf(action: ConnectAction): { timeout?: number } {
  const timeout = inRange(readNumber(action.parameters.InputTimeLimitSeconds), 0.1, 600);
  return timeout !== undefined ? { timeout } : {};
}

/** What Connect stores as the caller's input when they enter nothing: flows test for it right after the block. */
const STORED_TIMEOUT = 'Timeout';
/** How far below the input the designer shows the node that stores the timeout. */
const TIMEOUT_NODE_OFFSET = 120;

/**
 * Store customer input has no Timeout branch: a caller who enters nothing takes the Success branch
 * with `Timeout` as the stored input. A `set` node stores it on the way to NextAction, so the
 * flow's own check for `Timeout` sees what it sees in Connect (left out, silence hung up the call).
 */
function addStoredTimeout(ctx: ImportContext, id: string, next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  const timeoutId = ctx.ids.add(`${id}.timeout`);
  ctx.nodes.set(timeoutId, {
    kind: 'set',
    label: 'No input: Timeout',
    description: `Connect stores "${STORED_TIMEOUT}" when the caller enters nothing, and goes on as after an entry`,
    assign: { StoredCustomerInput: STORED_TIMEOUT },
    next,
  });
  const origin = ctx.positions?.get(id);
  if (origin) ctx.positions!.set(timeoutId, { x: origin.x, y: origin.y + TIMEOUT_NODE_OFFSET });
  return timeoutId;
}

/**
 * GetParticipantInput with StoreInput: digits kept in `$.StoredCustomerInput`. `storeBlock`: it is
 * Connect's Store customer input, which goes on with `Timeout` stored when the caller enters nothing.
 */
function createStoredInput(ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes, storeBlock: boolean): NodeOfKind<'input'> {
  const params = action.parameters;
  const maxDigits = toInteger(readNumber(getOwn(getOwn(params.InputValidation, 'CustomValidation'), 'MaximumLength')), 1, 64);
  const terminator = readString(getOwn(params.DTMFConfiguration, 'InputTerminationSequence'));
  const next = routes.take('next');
  const noInput = routes.take('error:InputTimeLimitExceeded') ?? (storeBlock ? addStoredTimeout(ctx, id, next) : undefined);
  const invalid = routes.take('error:InvalidPhoneNumber', 'error:NoMatchingCondition', 'error:NoMatchingError');
  return {
    kind: 'input',
    ...labelOf(id, action),
    prompt: getConnectPrompt(ctx, id, action),
    variable: 'StoredCustomerInput',
    ...(maxDigits !== undefined ? { maxDigits } : {}),
    ...(terminator === '#' || terminator === '*' ? { finishOnKey: terminator } : {}),
    ...timeoutOf(action),
    ...(next !== undefined ? { next } : {}),
    noInput: handler(noInput),
    invalid: handler(invalid),
  };
}

/**
 * GetParticipantInput (DTMF conditions → keys) or a Lex bot (intent names → phrases) as a menu;
 * with StoreInput, or when no condition is a key, as an input node.
 */
export function addParticipantInput(ctx: ImportContext, id: string, action: ConnectAction, routes: ConnectRoutes): void {
  const params = action.parameters;
  if (readFlag(params.StoreInput) === true) {
    ctx.nodes.set(id, createStoredInput(ctx, id, action, routes, true));
    routes.reportUnused('input', true);
    return;
  }
  const lex = action.type === 'ConnectParticipantWithLexBot' || params.LexV2Bot !== undefined || params.LexBot !== undefined;
  const options: MenuOption[] = [];
  for (const condition of routes.takeConditions()) {
    // each option written out with its `next`, not spread from a `{ next }` made per condition: a copy per option
    const next = condition.target;
    const operands = condition.operands ?? [];
    if (condition.operator !== 'Equals' || operands.length === 0) {
      if (condition.target !== undefined) ctx.findings.lose(id, `${condition.label} is not a key or intent a menu can offer: its route to "${condition.target}" was dropped`);
      continue;
    }
    if (lex) {
      options.push(next !== undefined ? { phrases: operands, next } : { phrases: operands });
      continue;
    }
    for (const operand of operands) {
      const key = toDtmfKey(operand);
      if (key !== undefined) options.push(next !== undefined ? { key, next } : { key });
      else if (condition.target !== undefined) ctx.findings.lose(id, `${condition.label}: "${operand}" is not a single key a menu can offer: its route to "${condition.target}" was dropped`);
    }
  }
  if (lex && options.length > 0) {
    ctx.findings.warn(id, `the Lex bot's intents (${options.flatMap((o) => o.phrases ?? []).join(', ')}) were imported as speech phrases: the utterances that trigger them live in Lex`);
  }
  if (options.length === 0) {
    ctx.findings.warn(id, `${action.type} "${action.identifier}" has no condition a menu can offer: imported as an input node that stores the entry in "StoredCustomerInput"`);
    ctx.nodes.set(id, createStoredInput(ctx, id, action, routes, false));
    routes.reportUnused('input', true);
    return;
  }
  const noInput = routes.take('error:InputTimeLimitExceeded');
  // Connect's default branch is NoMatchingCondition; NextAction and the generic error stand in when it is missing
  const noMatch = routes.take('error:NoMatchingCondition', 'next', 'error:NoMatchingError');
  ctx.nodes.set(id, {
    kind: 'menu',
    ...labelOf(id, action),
    prompt: getConnectPrompt(ctx, id, action),
    options,
    ...(lex ? { speech: {} } : {}),
    ...timeoutOf(action),
    noInput: handler(noInput),
    noMatch: handler(noMatch),
  });
  // a menu plays and listens: its Error branch (Connect's for a failed prompt or bot) is never taken here
  routes.reportUnused('menu', true);
}
