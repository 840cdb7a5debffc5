import { finishImport } from './flow-assembly.ts';
import type { ImportOptions } from './flow-links.ts';
import { createImportContext } from './import-context.ts';
import { getOwn, isRecord, readText, toPosition } from './json-shape.ts';
import { guardImport } from './guard.ts';
import type { ImportResult } from './types.ts';
import { createGatherInput, createGatherMenu, planGathers } from './twilio-studio/gather.ts';
import { getEventTarget, readStudioStates, type StudioState } from './twilio-studio/states.ts';
import { createLiquidPass, createLiquidScope, type StudioContext } from './twilio-studio/liquid.ts';
import { STUDIO_WIDGETS, addUnknownWidget } from './twilio-studio/widgets.ts';

export const NO_TRIGGER_MESSAGE = 'Twilio Studio flow has no trigger widget with an incomingCall transition: nothing answers a call';

/**
 * How a Studio export that no call starts is started instead: `incomingMessage` (an SMS or chat
 * flow), `incomingRequest` (the REST API), and so on. Undefined when a call starts it, or when
 * nothing does (a call flow whose incomingCall was disconnected is broken, not another kind).
 */
function getNonCallTriggers(data: unknown): string[] | undefined {
  const states = getOwn(data, 'states');
  if (!Array.isArray(states)) return undefined;
  const started: string[] = [];
  for (const state of states) {
    if (getOwn(state, 'type') !== 'trigger') continue;
    const transitions = getOwn(state, 'transitions');
    for (const transition of Array.isArray(transitions) ? transitions : []) {
      const event = getOwn(transition, 'event');
      if (typeof event !== 'string' || readText(getOwn(transition, 'next')) === undefined) continue;
      if (event === 'incomingCall') return undefined;
      started.push(event);
    }
  }
  return started.length > 0 ? started : undefined;
}

/** `a Twilio Studio flow started by incomingMessage, not by a call`, for a Studio export no call starts; undefined for any other. */
export function describeNonCallStudioFlow(data: unknown): string | undefined {
  const triggers = getNonCallTriggers(data);
  return triggers === undefined ? undefined : `a Twilio Studio flow started by ${triggers.join(' and ')}, not by a call`;
}

/**
 * Converts a Twilio Studio flow export (`{ description, states, initial_state, flags }`).
 * The trigger's incomingCall transition is the entry; a flow without one is refused, since
 * no call would ever reach it. Everything else maps widget by widget, with findings.
 */
export function importTwilioStudio(data: unknown, options: ImportOptions = {}): ImportResult {
  return guardImport('twilio-studio', () => convert(data, options));
}

function convert(data: unknown, options: ImportOptions): ImportResult {
  const refuse = (message: string): ImportResult => ({ ok: false, format: 'twilio-studio', message });
  if (!isRecord(data)) return refuse('A Twilio Studio export is a JSON object with a "states" array; this is not an object');
  const rawStates = getOwn(data, 'states');
  if (!Array.isArray(rawStates)) return refuse('Twilio Studio export has no "states" array');

  const ctx = createImportContext<StudioState>(options);
  const { triggers, widgets } = splitTriggers(readStudioStates(rawStates, ctx.findings));
  const trigger = triggers.find((state) => readText(getEventTarget(state, 'incomingCall')) !== undefined);
  if (trigger === undefined) {
    const other = describeNonCallStudioFlow(data);
    if (other === undefined) return refuse(NO_TRIGGER_MESSAGE);
    return { ok: false, format: 'twilio-studio', message: `This is ${other} (its trigger's incomingCall goes nowhere): there is no phone menu to check`, routesNoCaller: true };
  }
  const entryName = readText(getEventTarget(trigger, 'incomingCall')) ?? '';

  const ids = widgets.map((state) => ctx.ids.claim(state.name, state));
  const entry = ctx.ids.get(entryName);
  if (entry === undefined) return refuse(`Twilio Studio flow's incomingCall goes to "${entryName}", which is not in the export: nothing answers a call`);
  for (const other of triggers) {
    if (other !== trigger) ctx.findings.warn(undefined, `the flow has more than one trigger widget: only "${trigger.name}" was used, "${other.name}" was ignored`);
  }

  // the gather plans and the Liquid scope look widgets up by name in the id map: the first of a repeated name
  const plans = planGathers(widgets, ctx.ids, entryName);
  const studio: StudioContext = { ...ctx, liquid: createLiquidScope(widgets, ctx.ids, (name) => plans.byGather.get(name)?.splits !== undefined) };
  const liquidPass = createLiquidPass(ctx, studio.liquid);
  widgets.forEach((state, index) => {
    const id = ids[index] ?? state.name;
    if (plans.absorbed.has(state)) return;
    if (ctx.positions) {
      const position = toPosition(getOwn(state.properties, 'offset'));
      if (position) ctx.positions.set(id, position);
    }
    if (state.type === 'gather-input-on-call') {
      const plan = plans.byGather.get(state.name);
      const splits = plan?.splits;
      ctx.nodes.set(id, splits ? createGatherMenu(ctx, id, state, splits, plan) : createGatherInput(ctx, id, state, plan));
    } else {
      (STUDIO_WIDGETS.get(state.type) ?? addUnknownWidget)(studio, id, state);
    }
    // each widget sets its node under its own id (the links a chain adds are conditions, which keep no Liquid)
    liquidPass.map(id);
  });
  liquidPass.finish();
  return finishImport('twilio-studio', ctx, { name: readText(getOwn(data, 'description')), entry });
}

/**
 * The trigger widgets and the others, in one pass: triggers are not nodes, the entry stands for
 * the one that answers calls. Two filters read each of 100,000 type strings twice.
 */
function splitTriggers(states: readonly StudioState[]): { triggers: StudioState[]; widgets: StudioState[] } {
  const triggers: StudioState[] = [];
  const widgets: StudioState[] = [];
  for (let index = 0; index < states.length; index++) {
    const state = states[index]!;
    (state.type === 'trigger' ? triggers : widgets).push(state);
  }
  return { triggers, widgets };
}
