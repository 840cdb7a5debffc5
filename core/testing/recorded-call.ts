import type { CallEvent, Speech, Step, Wait } from '../interpreter/index.ts';
import type { Flow } from '../schema/flow.ts';
import { MAX_STEPS, type Scenario, type ScenarioEnvironment, type ScenarioStep } from './scenario.ts';

// A call made by hand (the designer's simulator) turned into a scenario: the
// caller's inputs as steps, the outcomes picked for the world as its
// environment, a short piece of what was heard before each input as an
// expectation, and where the call got to as the closing assertions.

/** One move of a recorded call: the event, the wait it answered, and the interpreter's answer. */
export interface RecordedMove {
  event: CallEvent;
  /** what the call waited for when the event came */
  answered: Wait;
  step: Step;
}

export interface RecordedCall {
  flow: Flow;
  /** when the call was dialled; later moves must run at the same time for a scenario to repeat it */
  startedAt: Date;
  /** the time of each move, when it differs from `startedAt` the scenario cannot say so */
  movedAt: Date[];
  /** the zone the scenario's `at` is written in (the flow's business-hours zone) */
  timeZone: string;
  callerNumber?: string;
  /** the node the call was started from, when not the entry */
  startedFrom?: string;
  /** the interpreter's answer to the dialling */
  first: Step;
  moves: RecordedMove[];
  /** the values percentage splits drew, in the order the call met them */
  draws: number[];
  callerHungUp: boolean;
}

/** A scenario without its `flow`: the server that writes the file knows where the flow lives. */
export type RecordedScenario = Omit<Scenario, 'flow' | '$schema'>;

export type RecordingResult = { ok: true; scenario: RecordedScenario } | { ok: false; reason: string };

/** Words in an expectation: enough to tell prompts apart, few enough to survive rewording elsewhere. */
const EXPECT_WORDS = 6;
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** The texts of the flow cut at their placeholders: what every caller hears word for word. */
function getLiteralFragments(flow: Flow): string[] {
  const fragments = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const part of value.split(PLACEHOLDER)) if (part.trim().split(/\s+/).length >= 2) fragments.add(part.trim());
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(flow.nodes);
  return [...fragments];
}

/** A short piece of the group's last prompt that no placeholder touched, or undefined when there is none. */
function getExpectedPiece(heard: Speech[], fragments: string[]): string | undefined {
  const texts = heard.flatMap((speech) => (speech.type === 'say' ? [speech.text] : []));
  for (const text of texts.reverse()) {
    const lower = text.toLowerCase();
    const found = fragments.filter((fragment) => lower.includes(fragment.toLowerCase())).sort((a, b) => b.length - a.length)[0];
    if (found === undefined) continue;
    const piece = found.split(/\s+/).slice(0, EXPECT_WORDS).join(' ').replace(/[\s,;:]+$/, '');
    return lower.includes(piece.toLowerCase()) ? piece : found;
  }
  return undefined;
}

const heardIn = (step: Step): Speech[] => [...step.speech, ...(step.wait.kind === 'input' ? step.wait.prompt : [])];

/** The scenario step of a caller's input at a listening node. */
function toInputStep(event: Extract<CallEvent, { type: 'input' }>): ScenarioStep {
  if (event.digits !== undefined && event.digits !== '') return { press: event.digits };
  if (event.speech !== undefined && event.speech.trim() !== '') return { say: event.speech.trim() };
  return { silence: true };
}

/** `2026-06-01T12:00:00-04:00`: the time as the flow's clock reads it, with its offset. */
export function toZonedIsoTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const offset = String(parts.timeZoneName).replace('GMT', '') || 'Z';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset === '+00:00' ? 'Z' : offset}`;
}

/** Records one environment outcome; refuses a node answered two ways, which a scenario cannot say. */
function recordOutcome(table: Record<string, string>, nodeId: string, outcome: string, what: string): string | undefined {
  const before = table[nodeId];
  if (before !== undefined && before !== outcome) return `${what} "${nodeId}" answered "${before}" then "${outcome}": a test gives each node one outcome`;
  table[nodeId] = outcome;
  return undefined;
}

/**
 * The scenario that repeats `call`, named `name`; or why the call cannot be one
 * (started mid-flow, the clock moved, a node answered two ways, a split drew what a test cannot write).
 */
export function toRecordedScenario(call: RecordedCall, name: string): RecordingResult {
  if (call.startedFrom !== undefined) return { ok: false, reason: 'the call started at a node other than the entry; a test calls the line from its start' };
  if (call.movedAt.some((at) => at.getTime() !== call.startedAt.getTime())) return { ok: false, reason: 'the time was changed during the call; a test runs at one time' };
  // A draw outside [0, 1) (a broken random source) took the split's else: a scenario cannot write it.
  if (call.draws.some((draw) => !(draw >= 0 && draw < 1))) return { ok: false, reason: 'a percentage split drew a value outside 0 to 1; a test cannot repeat it' };
  if (call.draws.length > MAX_STEPS) return { ok: false, reason: `the call went through more than ${MAX_STEPS} percentage splits; a test draws at most that many` };
  const fragments = getLiteralFragments(call.flow);
  const lookups: Record<string, string> = {};
  const agents: Record<string, string> = {};
  const queues: Record<string, string> = {};
  const links: Record<string, string> = {};
  const steps: ScenarioStep[] = [];
  let heard = heardIn(call.first);
  const expectHeard = () => {
    const piece = getExpectedPiece(heard, fragments);
    if (piece !== undefined) steps.push({ expect: { prompt: { contains: piece } } });
    heard = [];
  };

  for (const { event, answered, step } of call.moves) {
    let refused: string | undefined;
    if (event.type === 'input') {
      // A key the queue took on hold is its call-back offer (another key leaves no move): the queue's callback outcome.
      if (answered.kind === 'queue') refused = recordOutcome(queues, answered.nodeId, 'callback', 'queue');
      else if (answered.kind !== 'input') return { ok: false, reason: 'a key was pressed where nobody listens for keys; a test cannot say that' };
      else {
        expectHeard();
        steps.push(toInputStep(event));
      }
    } else if (event.type === 'lookup' && answered.kind === 'lookup') refused = recordOutcome(lookups, answered.nodeId, event.outcome, 'look-up');
    else if (event.type === 'dial' && answered.kind === 'dial') refused = recordOutcome(agents, answered.nodeId, event.outcome, 'transfer');
    else if (event.type === 'queue' && answered.kind === 'queue') refused = recordOutcome(queues, answered.nodeId, event.outcome, 'queue');
    // a link is entered unless a scenario says it failed: within its line a test would otherwise go on in the linked flow
    else if (event.type === 'link' && answered.kind === 'link') refused = recordOutcome(links, answered.nodeId, event.outcome, 'goto');
    if (refused !== undefined) return { ok: false, reason: refused };
    heard.push(...heardIn(step));
  }
  expectHeard();

  const last = call.moves.at(-1)?.step ?? call.first;
  const { state } = last;
  if (call.callerHungUp) steps.push({ hangup: true });
  const lastNode = state.at ?? last.path?.at(-1);
  if (lastNode !== undefined && Object.hasOwn(call.flow.nodes, lastNode)) steps.push({ reaches: { node: lastNode } });
  if (state.reached === 'person') steps.push({ reaches: { person: true } });
  if (state.reached === 'followUp') steps.push({ reaches: { followUp: true } });
  const endedByChoice = call.callerHungUp || (last.wait.kind === 'end' && last.wait.reason === 'hangup' && state.guard === undefined);
  if (endedByChoice) steps.push({ ends: 'callerChoice' });
  if (steps.length === 0) return { ok: false, reason: 'nothing happened on the call yet' };

  const environment: ScenarioEnvironment = {
    at: toZonedIsoTime(call.startedAt, call.timeZone),
    ...(call.callerNumber !== undefined ? { caller: { number: call.callerNumber } } : {}),
    ...(Object.keys(lookups).length > 0 ? { lookups: lookups as ScenarioEnvironment['lookups'] } : {}),
    ...(Object.keys(agents).length > 0 ? { agents: agents as ScenarioEnvironment['agents'] } : {}),
    ...(Object.keys(queues).length > 0 ? { queues: queues as ScenarioEnvironment['queues'] } : {}),
    ...(Object.keys(links).length > 0 ? { links: links as ScenarioEnvironment['links'] } : {}),
    ...(call.draws.length > 0 ? { draws: call.draws } : {}),
  };
  return { ok: true, scenario: { name, environment, steps } };
}

/** A name for the scenario from where the call went: "press 1, press 1234567890# → balance_read". */
export function getRecordedScenarioName(scenario: RecordedScenario): string {
  const inputs = scenario.steps.flatMap((step) => (step.press !== undefined ? [`press ${step.press}`] : step.say !== undefined ? [`say "${step.say}"`] : step.silence ? ['silence'] : []));
  const goal = scenario.steps.find((step) => step.reaches && 'node' in step.reaches)?.reaches;
  const where = goal && 'node' in goal ? ` to ${goal.node}` : '';
  return `${inputs.length > 0 ? inputs.slice(0, 6).join(', ') : 'no input'}${where}`.slice(0, 200);
}
