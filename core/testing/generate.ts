import { getLocalTime, getSchedule } from '../interpreter/conditions.ts';
import { continueCall, startCall } from '../interpreter/index.ts';
import type { CallEvent, ExitTaken, RunOptions, Speech, Step, Wait } from '../interpreter/index.ts';
import { forEachPrompt, getExits } from '../nodes/registry.ts';
import type { Flow } from '../schema/flow.ts';
import { getScenarioCoverage, type Coverage } from './coverage.ts';
import { generateWalks, type Walk } from './paths.ts';
import { runScenario, type ScenarioResult } from './run-scenario.ts';
import type { Scenario, ScenarioEnvironment, ScenarioStep } from './scenario.ts';
import { walkToInputs, type WalkInputs } from './walk-inputs.ts';

// Generated suites: each generated walk written as a scenario, with the
// environment that drives it, the caller's steps, and expectations that pin
// what the flow does today (a piece of each prompt heard, where the call gets,
// how it ends). A scenario is kept only when the offline engine passes it.

/** Longest scenario name the format takes. */
const MAX_NAME = 200;
/** Longest scenario the format takes, in steps. */
const MAX_STEPS = 500;
/** Words of a prompt an expectation quotes: enough to tell prompts apart, short enough to survive rewording elsewhere. */
const EXPECT_WORDS = 8;
/** Shortest literal piece worth quoting, in characters. */
const MIN_EXPECT_LENGTH = 4;

/** A walk no scenario was written for, and why. */
export interface SkippedWalk {
  name: string;
  /** `inputs`: no caller or world drives it (see `walkToInputs`); `environment`: it needs two answers of one node in a call; `length`: too many steps; `engine`: the offline engine does not follow it */
  cause: 'inputs' | 'environment' | 'length' | 'engine';
  reason: string;
  /** the walk itself, with the exits it takes */
  walk: Walk;
}

export interface GeneratedSuite {
  scenarios: Scenario[];
  /** the walk each scenario was written from, at the scenario's index */
  walks: Walk[];
  /** the offline engine's run of each scenario, at the scenario's index: all passed */
  results: ScenarioResult[];
  /** walks that no scenario can drive (see `walkToInputs`), or that the offline engine does not follow */
  skipped: SkippedWalk[];
  /** what the scenarios cover when the offline engine runs them */
  coverage: Coverage;
}

/** The pieces of every text prompt of the flow between placeholders: what a caller hears whatever the values. */
function getLiteralPieces(flow: Flow): string[] {
  const pieces = new Set<string>();
  const add = (text: string) => {
    for (const piece of text.split(/\{\{[^{}]*\}\}/)) if (piece.trim().length >= MIN_EXPECT_LENGTH) pieces.add(piece.trim());
  };
  for (const node of Object.values(flow.nodes)) {
    forEachPrompt(node, (_, prompt) => {
      if (typeof prompt === 'string') add(prompt);
      else if (!('audio' in prompt && typeof prompt.audio === 'string')) for (const text of Object.values(prompt)) if (typeof text === 'string') add(text);
    });
  }
  return [...pieces];
}

/** The start of `piece`, cut after a few words: still a substring of what was heard. */
function toShortPiece(piece: string): string {
  const words = [...piece.matchAll(/\S+/g)];
  const last = words[Math.min(words.length, EXPECT_WORDS) - 1]!;
  return piece.slice(0, last.index + last[0].length).replace(/^[\s,;:.!?]+|[\s,;:]+$/g, '');
}

/** Finds the short form of the longest piece a text holds; remembered per text, since walks hear the same prompts again and again. */
type PieceFinder = (text: string) => string | undefined;

function createPieceFinder(pieces: string[]): PieceFinder {
  // Longest first (a stable sort keeps the flow's order among equals): the first piece found is the one to quote.
  const byLength = pieces.map((piece) => ({ piece, lower: piece.toLowerCase() })).sort((a, b) => b.piece.length - a.piece.length);
  const found = new Map<string, string | undefined>();
  return (text) => {
    if (found.has(text)) return found.get(text);
    const lower = text.toLowerCase();
    const longest = byLength.find((candidate) => lower.includes(candidate.lower));
    const short = longest === undefined ? undefined : toShortPiece(longest.piece);
    found.set(text, short);
    return short;
  };
}

/** A short piece of the last thing said that comes from the flow's own text (no placeholder value in it), or undefined. */
function findExpectedText(heard: Speech[], findPiece: PieceFinder): string | undefined {
  for (const speech of [...heard].reverse()) {
    if (speech.type !== 'say') continue;
    const short = findPiece(speech.text);
    if (short !== undefined) return short;
  }
  return undefined;
}

/** `now` as an ISO date-time at the offset of `timeZone` (local wall time, as the flow's hours read it), else in UTC. */
function toZonedTime(now: Date, timeZone: string | undefined): string {
  const utc = `${now.toISOString().slice(0, 19)}Z`;
  if (timeZone === undefined) return utc;
  try {
    const local = getLocalTime(timeZone, now);
    const localMs = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
    const offset = Math.round((localMs - Math.floor(now.getTime() / 60_000) * 60_000) / 60_000);
    const sign = offset < 0 ? '-' : '+';
    const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
    return `${new Date(localMs).toISOString().slice(0, 16)}:${String(now.getUTCSeconds()).padStart(2, '0')}${sign}${hours}:${minutes}`;
  } catch {
    return utc;
  }
}

/** The zone of the first hours condition the walk meets. */
function getWalkZone(flow: Flow, walk: Walk): string | undefined {
  for (const step of walk.steps) {
    const node = flow.nodes[step.nodeId]!;
    if (node.kind === 'condition' && node.test.type === 'hours') return getSchedule(node.test, flow.calendars)?.timezone;
  }
  return undefined;
}

/** Records `value` as the one answer of `nodeId` in `section`; a second, different answer cannot be written. */
function setAnswer<T>(section: Record<string, T>, nodeId: string, value: T, words: string): string | undefined {
  if (Object.hasOwn(section, nodeId) && JSON.stringify(section[nodeId]) !== JSON.stringify(value)) {
    return `${nodeId}: the walk needs two ${words} in one call, and a scenario gives each node one`;
  }
  section[nodeId] = value;
  return undefined;
}

/** The walk's inputs with the caller's key on hold written as the queue's callback outcome: scenarios script callers only where the flow listens. */
function toScenarioInputs(flow: Flow, inputs: WalkInputs): WalkInputs {
  const steps = inputs.steps.map((step) =>
    flow.nodes[step.nodeId]!.kind === 'queue' ? { ...step, events: step.events.map((event): CallEvent => (event.type === 'input' ? { type: 'queue', outcome: 'callback' } : event)) } : step,
  );
  return { ...inputs, steps };
}

/** The scenario environment that answers every wait of the walk as its events do; a string says why none can. */
function toEnvironment(flow: Flow, walk: Walk, inputs: WalkInputs): ScenarioEnvironment | string {
  const lookups: NonNullable<ScenarioEnvironment['lookups']> = {};
  const agents: NonNullable<ScenarioEnvironment['agents']> = {};
  const queues: NonNullable<ScenarioEnvironment['queues']> = {};
  const links: NonNullable<ScenarioEnvironment['links']> = {};
  for (const step of inputs.steps) {
    for (const event of step.events) {
      let problem: string | undefined;
      if (event.type === 'lookup') {
        if (event.data !== undefined && (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data))) return `${step.nodeId}: the walk needs a look-up answer that is not an object`;
        problem = setAnswer(lookups, step.nodeId, event.data === undefined ? event.outcome : { ok: event.data as Record<string, unknown> }, 'look-up answers');
      } else if (event.type === 'dial') problem = setAnswer(agents, step.nodeId, event.outcome, 'agent answers');
      else if (event.type === 'queue') problem = setAnswer(queues, step.nodeId, event.outcome, 'queue outcomes');
      else if (event.type === 'link') problem = setAnswer(links, step.nodeId, 'failed', 'link outcomes');
      if (problem !== undefined) return problem;
    }
  }
  // Defaults need no line: look-ups answer ok, agents and queues answer, links are entered (only failed ones are events).
  const lookupsWritten = Object.entries(lookups).filter(([, answer]) => answer !== 'ok');
  const agentsWritten = Object.entries(agents).filter(([, answer]) => answer !== 'answered');
  const queuesWritten = Object.entries(queues).filter(([, answer]) => answer !== 'answered');
  const { from, ...data } = inputs.caller;
  const hasHours = walk.steps.some((step) => {
    const node = flow.nodes[step.nodeId]!;
    return node.kind === 'condition' && node.test.type === 'hours';
  });
  return {
    ...(hasHours ? { at: toZonedTime(inputs.now, getWalkZone(flow, walk)) } : {}),
    ...(from !== undefined || Object.keys(data).length > 0 ? { caller: { ...(from !== undefined ? { number: from } : {}), ...(Object.keys(data).length > 0 ? { data } : {}) } } : {}),
    ...(lookupsWritten.length > 0 ? { lookups: Object.fromEntries(lookupsWritten) } : {}),
    ...(agentsWritten.length > 0 ? { agents: Object.fromEntries(agentsWritten) } : {}),
    ...(queuesWritten.length > 0 ? { queues: Object.fromEntries(queuesWritten) } : {}),
    ...(Object.keys(links).length > 0 ? { links } : {}),
    ...(inputs.draws.length > 0 ? { draws: inputs.draws } : {}),
  };
}

/** The caller's step for an input event. */
function toCallerStep(event: Extract<CallEvent, { type: 'input' }>): ScenarioStep {
  if (event.digits !== undefined) return { press: event.digits };
  if (event.speech !== undefined) return { say: event.speech };
  return { silence: true };
}

/** What the caller hears at a step, as the offline engine gathers it: the speech, and the prompt of an input wait. */
const toHeard = (step: Step): Speech[] => [...step.speech, ...(step.wait.kind === 'input' ? step.wait.prompt : [])];

/** An exit as a walk's name shows it (`true`, `press 1`, `ok`). */
function toExitLabel(flow: Flow, nodeId: string, exitId: string): string {
  const node = flow.nodes[nodeId];
  return (node === undefined ? undefined : getExits(node).find((exit) => exit.id === exitId)?.label) ?? exitId;
}

/**
 * Why the call left the walk where it took `taken` instead of the walk's `expected` exit. A variable
 * test the walk's look-up answers do not feed (the call sets the variable itself, with an input or a
 * `set` node, or nothing does) goes as the call's own values make it go, which no scenario steers.
 */
function toDeparture(flow: Flow, expected: ExitTaken, taken: ExitTaken): string {
  const node = flow.nodes[expected.nodeId];
  const where = `${expected.nodeId}: the walk takes ${toExitLabel(flow, expected.nodeId, expected.exitId)}`;
  if (taken.nodeId !== expected.nodeId) return `${where}, but the call goes by ${taken.nodeId}: ${toExitLabel(flow, taken.nodeId, taken.exitId)} instead`;
  const instead = `${where}, but the call takes ${toExitLabel(flow, taken.nodeId, taken.exitId)}`;
  if (node?.kind === 'condition' && node.test.type === 'variable') {
    return `${instead}: its test reads "${node.test.variable}", which no look-up answer of the walk sets (the call's own steps set it, or nothing does), so a scenario cannot steer it`;
  }
  return instead;
}

/**
 * Follows the exits a step of the interpreter took along the walk from `cursor`: the walk steps it
 * matched, or where it left the walk. A call that leaves it may still pass as a scenario (its
 * detour can come back, the expectations are loose); when it does not, this is why.
 */
function followWalk(flow: Flow, walk: Walk, step: Step, cursor: number): number | string {
  let at = cursor;
  for (const taken of step.exits ?? []) {
    const expected = walk.steps[at];
    // past the walk's last step the call may go on (a walk can stop short of the call's end)
    if (expected === undefined) return at;
    if (expected.nodeId !== taken.nodeId || expected.exitId !== taken.exitId) return toDeparture(flow, expected, taken);
    at++;
  }
  return at;
}

/** What each wait but the caller's is for, in words. */
const WAIT_WORDS: Record<Exclude<Wait['kind'], 'input' | 'end'>, string> = {
  lookup: 'a look-up',
  dial: 'a transfer',
  queue: 'a queue',
  record: 'a recording',
  callbackNumber: 'a call-back number',
  link: 'another flow',
};

/** Where a call is that does not wait for the caller: `the call waits at q for a queue`, `the guard sent the call to a person`. */
function toWaitWords(step: Step): string {
  if (step.state.guard !== undefined) return `the run-time guard sent the call to a person (${step.state.guard})`;
  if (step.wait.kind === 'end') return 'the call has ended';
  if (step.wait.kind === 'input') return `the call waits at ${step.wait.nodeId}`;
  return `the call waits at ${step.wait.nodeId} for ${WAIT_WORDS[step.wait.kind]}`;
}

/** A walk played on the interpreter: the scenario's steps, the last step, and where the call first left the walk if it did. */
interface PlayedWalk {
  steps: ScenarioStep[];
  last: Step;
  departure?: string;
}

/** Plays the walk's events on the interpreter: the scenario's steps (each caller step after an expectation of what was heard), and the last step. */
function toSteps(flow: Flow, walk: Walk, inputs: WalkInputs, findPiece: PieceFinder): PlayedWalk | string {
  const draws = [...inputs.draws];
  const options: RunOptions = { flowVersion: 'generate', now: inputs.now, random: () => draws.shift() ?? 0 };
  let last = startCall(flow, { callSid: 'CAgenerate', ...inputs.caller }, options);
  // the walk steps the call has followed, until it leaves the walk: then why, which says more than a later wait that does not fit
  let followed = followWalk(flow, walk, last, 0);
  let heard = toHeard(last);
  const steps: ScenarioStep[] = [];
  for (const step of inputs.steps) {
    for (const event of step.events) {
      if (event.type === 'input') {
        if (last.wait.kind !== 'input') return typeof followed === 'string' ? followed : `${step.nodeId}: the caller answers where ${toWaitWords(last)}, which a scenario cannot script`;
        const text = findExpectedText(heard, findPiece);
        if (text !== undefined) steps.push({ expect: { prompt: { contains: text } } });
        steps.push(toCallerStep(event));
        heard = [];
      }
      last = continueCall(flow, last.state, event, options);
      if (typeof followed === 'number') followed = followWalk(flow, walk, last, followed);
      heard.push(...toHeard(last));
    }
  }
  return { steps, last, ...(typeof followed === 'string' ? { departure: followed } : {}) };
}

/** The node the walk leaves the call in: where it hangs up or stops, else the node of its last exit. */
function getLastNode(flow: Flow, walk: Walk): string {
  if (walk.endNodeId !== undefined && walk.end !== 'bound') return walk.endNodeId;
  return walk.steps.at(-1)?.nodeId ?? flow.entry;
}

/** Assertions of how the call ends: the last node, and a person, a follow-up or the caller's choice where that is how it ends. */
function toEndSteps(flow: Flow, walk: Walk, last: Step): ScenarioStep[] {
  const steps: ScenarioStep[] = [{ reaches: { node: getLastNode(flow, walk) } }];
  if (last.state.reached === 'person') steps.push({ reaches: { person: true } });
  // A follow-up can give way to a person later: asserted only where the engine stops too (an input or the end), not at a wait it answers on.
  else if (last.state.reached === 'followUp' && (last.wait.kind === 'input' || last.wait.kind === 'end')) steps.push({ reaches: { followUp: true } });
  if (walk.end === 'hangup' && last.wait.kind === 'end' && last.wait.reason === 'hangup' && last.state.guard === undefined) steps.push({ ends: 'callerChoice' });
  return steps;
}

/** What the walk covers; the fixed callers say where they start. */
const toWalkName = (walk: Walk): string => (walk.name === 'silent caller' || walk.name === 'confused caller' ? `${walk.name} from the entry` : walk.name);

/** The walk's name as a scenario's: the fixed callers say where they start; names are unique within the flow. */
function toScenarioName(walk: Walk, taken: Set<string>): string {
  const base = toWalkName(walk).slice(0, MAX_NAME - 6);
  let name = base;
  for (let copy = 2; taken.has(name); copy++) name = `${base} (${copy})`;
  taken.add(name);
  return name;
}

/**
 * One scenario per generated walk, with what skipped walks and why, and what the written ones cover.
 * `flowReference` is the scenario's `flow` field (a path from the scenario file, or a flow id).
 */
export function generateSuite(flow: Flow, flowReference: string): GeneratedSuite {
  const findPiece = createPieceFinder(getLiteralPieces(flow));
  const names = new Set<string>();
  const scenarios: Scenario[] = [];
  const walks: Walk[] = [];
  const results: ScenarioResult[] = [];
  const skipped: SkippedWalk[] = [];
  for (const walk of generateWalks(flow)) {
    const inputs = toScenarioInputs(flow, walkToInputs(flow, walk));
    if (inputs.unrealizable !== undefined) {
      skipped.push({ name: toWalkName(walk), cause: 'inputs', walk, reason: inputs.unrealizable });
      continue;
    }
    const environment = toEnvironment(flow, walk, inputs);
    const played = typeof environment === 'string' ? environment : toSteps(flow, walk, inputs, findPiece);
    if (typeof environment === 'string' || typeof played === 'string') {
      skipped.push({ name: toWalkName(walk), cause: 'environment', walk, reason: typeof environment === 'string' ? environment : (played as string) });
      continue;
    }
    const steps = [...played.steps, ...toEndSteps(flow, walk, played.last)];
    if (steps.length > MAX_STEPS) {
      skipped.push({ name: toWalkName(walk), cause: 'length', walk, reason: `the walk takes more than ${MAX_STEPS} steps` });
      continue;
    }
    const name = toScenarioName(walk, names);
    const scenario: Scenario = { name, flow: flowReference, ...(Object.keys(environment).length > 0 ? { environment } : {}), steps };
    const result = runScenario(scenario, flow);
    if (!result.passed) {
      // The engine answers waits from one environment; a walk it does not follow is reported, never written failing.
      const failed = result.steps.find((step) => step.status === 'failed');
      names.delete(name);
      const reason = played.departure ?? `the offline engine does not follow it (step ${(failed?.index ?? 0) + 1}: ${failed?.failure?.expected ?? 'unknown'})`;
      skipped.push({ name: toWalkName(walk), cause: 'engine', walk, reason });
      continue;
    }
    scenarios.push(scenario);
    walks.push(walk);
    results.push(result);
  }
  return { scenarios, walks, results, skipped, coverage: getScenarioCoverage(flow, results) };
}

/** One scenario per generated walk that a scenario can drive, each passing on `flow`. */
export function generateScenarios(flow: Flow, flowReference: string): Scenario[] {
  return generateSuite(flow, flowReference).scenarios;
}
