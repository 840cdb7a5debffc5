import { compare, isOpen } from '../interpreter/conditions.ts';
import { isValidInput } from '../interpreter/events.ts';
import type { CallEvent, CallInfo } from '../interpreter/types.ts';
import { SPEECH_NEXT_EXIT_ID } from '../nodes/registry.ts';
import { findOptionBySpeech } from '../nodes/speech-match.ts';
import { canSplitTake, isDrawingSplit } from '../nodes/split.ts';
import { DEFAULTS } from '../schema/defaults.ts';
import type { ConditionTest, Flow, NodeOfKind } from '../schema/flow.ts';
import type { Walk, WalkStep } from './paths.ts';

// What a caller and the world do so that a call takes a walk: the events the
// interpreter receives at each step (a key for an option, silence for no
// input, a wrong key for no match, the outcome for a look-up, a transfer or a
// queue) and one environment for the whole call (the clock for hours, the
// draws for splits, caller fields and look-up answers for variable tests).

type Value = string | number | boolean;

/** One step of a walk with what drives it: the events sent at its wait (none where the node decides alone), or the branch a condition must take. */
export interface DrivenStep extends WalkStep {
  events: CallEvent[];
  /** a condition's branch: true for `then` */
  condition?: boolean;
}

export interface WalkInputs {
  steps: DrivenStep[];
  /** a time at which every hours condition of the walk takes its branch */
  now: Date;
  /** the draws percentage splits get, in the order the walk meets them */
  draws: number[];
  /** caller fields caller tests read */
  caller: Partial<Omit<CallInfo, 'callSid'>>;
  /** why no environment can drive the walk as generated (an option with neither key nor phrase, hours that contradict each other, ...) */
  unrealizable?: string;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;

/** Monday 5 January 2026, 00:00 UTC: the hours search runs over the eight days from here, by quarter hours (zones at :30 and :45 included). */
const SEARCH_FROM = Date.UTC(2026, 0, 5);
const QUARTER_HOUR = 15 * 60 * 1000;
const SEARCH_QUARTERS = 8 * 24 * 4;

/** A key no option of the menu uses, else a two-key answer no option can match. */
export function getWrongKey(node: NodeOfKind<'menu'>): string {
  return KEYS.find((key) => !node.options.some((option) => option.key === key)) ?? '**';
}

/** Digits the input node accepts, tried from simple ones up; undefined when none of those pass its pattern. */
export function getValidDigits(node: NodeOfKind<'input'>): string | undefined {
  const min = node.minDigits ?? 1;
  const max = Math.min(node.maxDigits ?? min + 8, min + 8);
  for (let length = min; length <= max; length++) {
    const candidates = ['1234567890'.repeat(7).slice(0, length), ...'0123456789'.split('').map((digit) => digit.repeat(length))];
    const valid = candidates.find((digits) => isValidInput(node, digits));
    if (valid !== undefined) return valid;
  }
  return undefined;
}

/** Utterances for speech no option matches, the first an option's phrases do not take. */
const UNMATCHED_SPEECH = ['something else entirely', 'none of the above', 'mumble mumble'];

/** What a walk says at an input that listens for speech. */
const SPOKEN_ANSWER = 'a spoken answer';

/** An answer no input node accepts: never digits alone, whatever the finishing key. */
const INVALID_DIGITS = '*#';

type Comparison = Extract<ConditionTest, { op: unknown }>;

/** A value for which the test's comparison is `wanted`; undefined is "absent"; null when none of a few simple ones is. */
function toComparedValue(op: Comparison['op'], expected: Comparison['value'], wanted: boolean): Value | undefined | null {
  const first = Array.isArray(expected) ? expected[0] : expected;
  const bound = Number(first);
  const candidates: (Value | undefined)[] = [first, 'none of these', undefined];
  if (Number.isFinite(bound)) candidates.push(bound - 1, bound + 1);
  const index = candidates.findIndex((value) => compare(value, op, expected) === wanted);
  return index < 0 ? null : candidates[index];
}

function toEvents(flow: Flow, step: WalkStep): CallEvent[] | string {
  const node = flow.nodes[step.nodeId]!;
  const [head, index] = step.exitId.split('.');
  switch (node.kind) {
    case 'menu': {
      const retries = (head === 'noInput' ? node.noInput?.retries : node.noMatch?.retries) ?? DEFAULTS.retries;
      if (head === 'noInput') return Array.from({ length: retries + 1 }, () => ({ type: 'input' }));
      if (head === 'noMatch') return Array.from({ length: retries + 1 }, () => ({ type: 'input', digits: getWrongKey(node) }));
      if (step.exitId === SPEECH_NEXT_EXIT_ID) {
        const said = UNMATCHED_SPEECH.find((words) => findOptionBySpeech(node.options, words) === undefined);
        return said === undefined ? `${step.nodeId}: every utterance tried picks an option` : [{ type: 'input', speech: said }];
      }
      const option = node.options[Number(index)]!;
      if (option.key !== undefined) return [{ type: 'input', digits: option.key }];
      if (option.phrases === undefined) return `${step.nodeId}: option ${index} has neither a key nor a phrase`;
      // An earlier option may claim a phrase too: say one the interpreter hears as this option.
      const phrase = option.phrases.find((said) => findOptionBySpeech(node.options, said)?.index === Number(index));
      return phrase === undefined ? `${step.nodeId}: every phrase of option ${index} picks another option` : [{ type: 'input', speech: phrase }];
    }
    case 'input': {
      // Any words are the answer at an input that listens for speech.
      if (step.exitId === SPEECH_NEXT_EXIT_ID) return [{ type: 'input', speech: SPOKEN_ANSWER }];
      if (head === 'next') {
        const digits = getValidDigits(node);
        return digits === undefined ? `${step.nodeId}: no simple digits pass its pattern` : [{ type: 'input', digits }];
      }
      const retries = (head === 'noInput' ? node.noInput?.retries : node.invalid?.retries) ?? DEFAULTS.retries;
      return Array.from({ length: retries + 1 }, () => (head === 'noInput' ? { type: 'input' } : { type: 'input', digits: INVALID_DIGITS }));
    }
    case 'survey':
      return [{ type: 'input' }];
    case 'http':
      return [{ type: 'lookup', outcome: index as 'ok' | 'failed' | 'timeout' }];
    case 'transfer':
      return [{ type: 'dial', outcome: index as 'answered' | 'busy' | 'noAnswer' | 'failed' }];
    case 'queue':
      // The callback offer is the caller pressing its key while on hold.
      if (head === 'callbackOffer') return [{ type: 'input', digits: node.callbackOffer!.key }];
      return [{ type: 'queue', outcome: index as 'answered' | 'full' | 'timeout' }];
    case 'voicemail':
      return [{ type: 'recorded' }];
    case 'callback':
      return [{ type: 'callbackNumber' }];
    case 'goto':
      // the link itself leaves this flow: a walk of one flow ends there
      return step.exitId === 'on.failed' ? [{ type: 'link', outcome: 'failed' }] : [];
    case 'say':
    case 'set':
    case 'condition':
    case 'hangup':
      return [];
  }
}

/** Sets `value` at the dotted `path` inside `data` (an empty path is the answer itself). */
function setAt(data: { answer?: unknown }, path: string[], value: Value): void {
  if (path.length === 0) {
    data.answer = value;
    return;
  }
  if (typeof data.answer !== 'object' || data.answer === null) data.answer = {};
  let at = data.answer as Record<string, unknown>;
  for (const key of path.slice(0, -1)) at = (typeof at[key] === 'object' && at[key] !== null ? at[key] : (at[key] = {})) as Record<string, unknown>;
  at[path.at(-1)!] = value;
}

/** The last step so far that gives `variable` its value: a look-up's answer, a valid entry at an input, a `set` node. */
function findWriter(flow: Flow, steps: readonly DrivenStep[], variable: string): number | undefined {
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!;
    const node = flow.nodes[step.nodeId]!;
    if (node.kind === 'http' && step.exitId === 'on.ok' && node.saveAs !== undefined && (variable === node.saveAs || variable.startsWith(`${node.saveAs}.`))) return index;
    // only valid digits are kept: no input and an invalid entry leave the variable as it was
    if (node.kind === 'input' && step.exitId === 'next' && node.variable === variable) return index;
    if (node.kind === 'set' && Object.hasOwn(node.assign, variable)) return index;
  }
  return undefined;
}

/** A test of a variable and the branch the walk needs it to take. */
interface WantedTest {
  test: Comparison;
  wanted: boolean;
}

/** The test's value and the numbers either side of it, as entries to try. */
function toNearEntries(test: Comparison): string[] {
  const first = Array.isArray(test.value) ? test.value[0] : test.value;
  const bound = Number(first);
  return [String(first), ...(Number.isFinite(bound) ? [String(bound + 1), String(bound - 1)] : [])];
}

/**
 * Makes the caller's entry at an input step one for which every later test of its variable on
 * the walk takes the branch it needs (a split on the digits a gather took, a check of a PIN): the
 * entry already chosen where it does, else a test's own value or one near it. Says why when no
 * entry the input accepts will do.
 */
function steerEntry(step: DrivenStep, node: NodeOfKind<'input'>, tests: readonly WantedTest[]): string | undefined {
  const event = step.events[0];
  if (event?.type !== 'input' || event.digits === undefined) return undefined;
  const takes = (digits: string, { test, wanted }: WantedTest) => isValidInput(node, digits) && compare(digits, test.op, test.value) === wanted;
  const candidates = [event.digits, ...tests.flatMap(({ test }) => toNearEntries(test))];
  const digits = candidates.find((entry) => tests.every((wantedTest) => takes(entry, wantedTest)));
  if (digits !== undefined) {
    event.digits = digits;
    return undefined;
  }
  const last = tests.at(-1)!;
  if (!toNearEntries(last.test).some((entry) => takes(entry, last))) return `no entry ${step.nodeId} accepts makes the test ${last.wanted}`;
  return `no one entry at ${step.nodeId} takes this test and the earlier ones of "${node.variable}" as the walk needs`;
}

/**
 * The inputs that drive the shared interpreter along `walk`: events per step and one environment.
 * A variable test is driven through what last gave the variable its value on the walk: the answer of a
 * look-up whose `saveAs` holds it, or the caller's entry at an input; a `set` node's value either takes
 * the test's branch or makes the walk unrealizable. One nothing on the walk sets is left as it is.
 */
export function walkToInputs(flow: Flow, walk: Walk): WalkInputs {
  const steps: DrivenStep[] = [];
  const hours: { test: Extract<ConditionTest, { type: 'hours' }>; wanted: boolean }[] = [];
  const draws: number[] = [];
  const caller: Record<string, string> = {};
  const problems: string[] = [];
  /** look-up answers being built, by the index of the step whose event carries them */
  const answers = new Map<number, { answer?: unknown }>();
  /** the tests of the walk each input step's entry must satisfy, by the step's index */
  const steered = new Map<number, WantedTest[]>();
  for (const step of walk.steps) {
    const node = flow.nodes[step.nodeId]!;
    if (node.kind === 'condition') {
      const wanted = step.exitId === 'then';
      steps.push({ ...step, events: [], condition: wanted });
      const { test } = node;
      if (test.type === 'hours') hours.push({ test, wanted });
      else if (test.type === 'split') {
        if (!canSplitTake(test.percent, wanted)) problems.push(`${step.nodeId}: a ${test.percent}% split never takes ${step.exitId}`);
        // a 0% or 100% split draws nothing at run time: a draw for it would steer the next split
        else if (isDrawingSplit(test.percent)) draws.push(wanted ? 0 : 0.999999);
      } else {
        const value = toComparedValue(test.op, test.value, wanted);
        if (value === null) problems.push(`${step.nodeId}: no known value makes the test ${wanted}`);
        else if (test.type === 'caller') {
          if (value !== undefined) caller[test.field] = String(value);
        } else {
          const index = findWriter(flow, steps, test.variable);
          // nothing the walk does sets it: left to the walk's own steps
          if (index === undefined) continue;
          const writer = flow.nodes[steps[index]!.nodeId]!;
          if (writer.kind === 'input') {
            const tests = [...(steered.get(index) ?? []), { test, wanted }];
            steered.set(index, tests);
            const problem = steerEntry(steps[index]!, writer, tests);
            if (problem !== undefined) problems.push(`${step.nodeId}: ${problem}`);
          } else if (writer.kind === 'set') {
            const assigned = writer.assign[test.variable]!;
            // a value filled in from the call (`{{caller.from}}`) is known only as the call runs
            if (!(typeof assigned === 'string' && assigned.includes('{{')) && compare(assigned, test.op, test.value) !== wanted) {
              problems.push(`${step.nodeId}: ${steps[index]!.nodeId} sets "${test.variable}" to ${JSON.stringify(assigned)}, so the test is never ${wanted} here`);
            }
          } else if (writer.kind === 'http') {
            const saveAs = writer.saveAs!;
            const data = answers.get(index) ?? {};
            answers.set(index, data);
            if (value !== undefined) setAt(data, test.variable === saveAs ? [] : test.variable.slice(saveAs.length + 1).split('.'), value);
          }
        }
      }
      continue;
    }
    const events = toEvents(flow, step);
    if (typeof events === 'string') problems.push(events);
    steps.push({ ...step, events: typeof events === 'string' ? [] : events });
  }
  for (const [index, data] of answers) {
    const event = steps[index]!.events[0];
    if (event?.type === 'lookup' && 'answer' in data) event.data = data.answer;
  }
  const now = findTime(flow, hours);
  if (now === undefined) problems.push(`no time of the week opens and closes the walk's hours conditions as it needs`);
  return { steps, now: now ?? new Date(SEARCH_FROM), draws, caller, ...(problems.length > 0 ? { unrealizable: problems.join('; ') } : {}) };
}

/** The first quarter hour of a week at which each hours test is open or closed as wanted. */
function findTime(flow: Flow, hours: { test: Extract<ConditionTest, { type: 'hours' }>; wanted: boolean }[]): Date | undefined {
  for (let quarter = 0; quarter < SEARCH_QUARTERS; quarter++) {
    const now = new Date(SEARCH_FROM + quarter * QUARTER_HOUR);
    if (hours.every(({ test, wanted }) => isOpen(test, now, flow.calendars) === wanted)) return now;
  }
  return undefined;
}
